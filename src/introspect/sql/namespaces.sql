-- The namespaces whose objects make up the catalog; spliced into every query as `ns`.
-- $1 = schemas to keep (empty: all), $2 = schemas to leave out (always including the
-- bookkeeping schemas, `bookkeeping::UNMANAGED_SCHEMAS`: see `Filter::excluded`).
SELECT n.oid, n.nspname, n.nspowner, n.nspacl
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
  AND n.nspname !~ '^pg_temp_'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend e
    WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')
