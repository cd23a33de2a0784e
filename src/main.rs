//! The thin binary: parse arguments, call the library, map errors to exit codes.
//! This is the only place that exits.

fn main() {
    println!("schemadiff {}", env!("CARGO_PKG_VERSION"));
}
