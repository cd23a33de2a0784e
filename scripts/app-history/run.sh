#!/usr/bin/env bash
# Schema pairs nobody here wrote: the migration histories of real Django applications
# (wagtail; django-oscar with allauth, guardian, reversion, celery-beat, axes, otp,
# oauth-toolkit, filer), each step dumped with pg_dump and run through the convergence loop
# (both oracles, forward and reverse). Not part of CI: a few minutes to build the states,
# about ten to run them. Needs network access to PyPI once.
#
#   scripts/app-history/run.sh [wagtail|oscar]...      (default: both)
#
# Work files go to target/app-history/ (virtualenvs, a throwaway cluster, states, cases).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$root/target/app-history
apps=("$@"); [ ${#apps[@]} -gt 0 ] || apps=(wagtail oscar)
bin=${SCHEMADIFF_PG_BIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$work"

declare -A packages=(
  [wagtail]="django<5.3 psycopg[binary] wagtail"
  [oscar]="django<5.3 psycopg[binary] django-allauth django-guardian django-reversion django-celery-beat django-celery-results django-axes django-otp django-oauth-toolkit django-filer django-oscar sorl-thumbnail"
)

# A throwaway cluster, owned by postgres when run as root.
data=$work/cluster
if [ ! -d "$data" ]; then
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres "$work" "$data"
  as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/initdb" -D "$data" -A trust -U postgres >/dev/null
fi
as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
export PGHOST=$work PGPORT=${APP_HISTORY_PORT:-5497}
"${as[@]}" "$bin/pg_ctl" -D "$data" -o "-p $PGPORT -k $work -c listen_addresses=''" \
  -l "$work/cluster.log" -w start >/dev/null
trap '"${as[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null' EXIT

cases=$work/cases
rm -rf "$cases"; mkdir -p "$cases"
for app in "${apps[@]}"; do
  venv=$work/venv-$app
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/pip" install -q ${packages[$app]}
  db=history_$app
  psql -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  rm -rf "$work/states-$app"
  (cd "$here" && DJANGO_SETTINGS_MODULE=settings_$app DJDB=$db \
     "$venv/bin/python" states.py "$work/states-$app")
  "$venv/bin/python" "$here/pairs.py" "$work/states-$app" "$cases" "$app"
done

cd "$root"
CI=true SCHEMADIFF_CASES_DIR=$cases cargo test --test convergence -- --nocapture
