"""Walk a Django project's migration plan one migration at a time and keep the schema
(`pg_dump --schema-only`) after each one that changes it.

    DJANGO_SETTINGS_MODULE=settings_wagtail DJDB=db PGHOST=... PGPORT=... python states.py OUT

Writes OUT/000-empty.sql, OUT/001-<app>-<migration>.sql, ... (the django_migrations table
left out; pg_dump's random \\restrict key does not count as a change).
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import django  # noqa: E402

django.setup()
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def dump():
    r = subprocess.run(
        ["pg_dump", "--schema-only", "--no-owner", "-U", "postgres",
         "-T", "django_migrations", "-T", "django_migrations_id_seq", os.environ["DJDB"]],
        capture_output=True, text=True, check=True)
    return r.stdout


def key(sql):
    return re.sub(r"^\\(un)?restrict .*$", "", sql, flags=re.M)


plan = MigrationExecutor(connection).migration_plan(
    MigrationExecutor(connection).loader.graph.leaf_nodes())
prev = dump()
n = 0
open(f"{out}/000-empty.sql", "w").write(prev)
for migration, _ in plan:
    MigrationExecutor(connection).migrate([(migration.app_label, migration.name)])
    cur = dump()
    if key(cur) != key(prev):
        n += 1
        open(f"{out}/{n:03d}-{migration.app_label}-{migration.name}.sql", "w").write(cur)
        prev = cur
print(f"{len(plan)} migrations, {n} schema changes", file=sys.stderr)
