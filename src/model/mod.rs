//! The catalog model: every object kind schemadiff manages, and identifiers.

mod catalog;
mod defined;
mod ident;
mod keyed;
mod map;
mod set;
#[cfg(test)]
pub mod testing;
mod types;

pub use catalog::*;
pub use defined::{Defined, DefinedKey, DefinedKind};
pub use ident::{QualifiedName, quote_ident, quote_literal};
pub use keyed::Keyed;
pub use map::Map;
pub use set::Set;
