#!/usr/bin/env bash
# Validate the convergence corpus against a real PostgreSQL (15+).
#
# For every case directory: load from.sql (+ data.sql) into a fresh database and to.sql into
# another, both with ON_ERROR_STOP. Then compare `pg_dump --schema-only` of the two (lines
# sorted, since ACL and statement order are not part of the schema; plus which materialized
# views are populated, which a schema-only dump omits): a `noop__*` case must dump identically (it is the same schema written differently), and any
# other case must differ (otherwise it tests nothing). Also rejects statements the corpus
# rules forbid in from/to (DML, DROP, SET, transaction control, CREATE ROLE).
#
# Usage: tests/cases/validate.sh [conninfo] [case-name-glob]
#   conninfo: a key=value libpq string for a superuser on the maintenance database, e.g.
#             "host=/tmp/pg port=24731 user=postgres dbname=postgres". Without it, the usual
#             PGHOST/PGPORT/PGUSER environment is used. The database name is overridden per case.
#   glob:     only run cases whose directory name matches, e.g. 'view__*'.
# The roles schemadiff_reader and schemadiff_writer are created if missing (the test harness
# does the same). Exit status is the number of failing cases (capped at 100).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
conn="${1:-}"
pattern="${2:-*}"
prefix="sdcase_$$"
psql_db() { # psql_db <db> [psql args...]
    local db="$1"; shift
    psql -X -q -v ON_ERROR_STOP=1 -d "$conn dbname=$db" "$@"
}
dump_db() {
    pg_dump --schema-only --no-owner -d "$conn dbname=$1" | grep -v -e '^--' -e '^$' -e '^\\restrict' -e '^\\unrestrict' | LC_ALL=C sort
    # A schema-only dump does not show whether a materialized view is populated.
    psql_db "$1" -At -c "SELECT oid::regclass, relispopulated FROM pg_class WHERE relkind = 'm' ORDER BY 1::text"
}
psql_db postgres -c "DO \$\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'schemadiff_reader') THEN CREATE ROLE schemadiff_reader; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'schemadiff_writer') THEN CREATE ROLE schemadiff_writer; END IF;
END\$\$" || { echo "cannot connect / create roles" >&2; exit 100; }

fail=0; total=0
for dir in "$here"/$pattern/; do
    [ -f "$dir/from.sql" ] || continue
    name="$(basename "$dir")"
    total=$((total + 1))
    errs=""
    for f in from.sql to.sql; do
        [ -f "$dir/$f" ] || { errs+=" missing $f;"; continue; }
        # Comments, dollar-quoted and BEGIN ATOMIC bodies are stripped first: only top-level
        # statements are checked.
        if perl -0777 -pe 's/--[^\n]*//g; s/\$(\w*)\$.*?\$\1\$//gs; s/BEGIN\s+ATOMIC.*?\bEND\b//gsi; s/^\s*SET\s+default_table_access_method\b[^;]*;//gmi' "$dir/$f" | grep -Eiq '^[[:space:]]*(INSERT|UPDATE|DELETE|TRUNCATE|COPY|DROP|SET|RESET|BEGIN|COMMIT|ROLLBACK|START[[:space:]]+TRANSACTION|CREATE[[:space:]]+ROLE|CREATE[[:space:]]+USER)\b'; then
            errs+=" forbidden statement in $f;"
        fi
    done
    if [ -z "$errs" ]; then
        psql_db postgres -c "CREATE DATABASE ${prefix}_f" -c "CREATE DATABASE ${prefix}_t" || exit 100
        out="$(psql_db ${prefix}_f -f "$dir/from.sql" 2>&1)" || errs+=" from.sql: $out;"
        if [ -z "$errs" ] && [ -f "$dir/data.sql" ]; then
            out="$(psql_db ${prefix}_f -f "$dir/data.sql" 2>&1)" || errs+=" data.sql: $out;"
        fi
        out="$(psql_db ${prefix}_t -f "$dir/to.sql" 2>&1)" || errs+=" to.sql: $out;"
        if [ -z "$errs" ]; then
            if cmp -s <(dump_db ${prefix}_f) <(dump_db ${prefix}_t); then
                same=1
            else
                same=0
            fi
            case "$name" in
                noop__*) [ $same = 1 ] || errs+=" no-op case dumps differently: $(diff <(dump_db ${prefix}_f) <(dump_db ${prefix}_t) | head -20);" ;;
                *) [ $same = 0 ] || errs+=" from and to dump identically;" ;;
            esac
        fi
        psql_db postgres -c "DROP DATABASE ${prefix}_f" -c "DROP DATABASE ${prefix}_t" || exit 100
    fi
    if [ -n "$errs" ]; then
        fail=$((fail + 1))
        echo "FAIL $name:$errs"
    fi
done
echo "$total cases, $fail failed"
[ $fail -gt 100 ] && fail=100
exit $fail
