-- Access methods (table and index) that are not built in (oid >= 16384, as pg_dump tells
-- them) nor an extension's. They are database-wide: a plan reads them when no `--schema`
-- names the managed schemas ($1 empty), or when the handler is in a managed schema;
-- a plan of some schemas must not drop the others'. The handler is named by its schema and
-- name (handlers take one `internal` argument, so the name is enough).
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_am'::regclass)
SELECT a.amname::text AS name,
       CASE a.amtype WHEN 't' THEN 'TABLE' WHEN 'i' THEN 'INDEX' END AS kind,
       hn.nspname::text AS handler_schema,
       h.proname::text AS handler_name,
       d.description AS comment
FROM pg_am a
JOIN pg_proc h ON h.oid = a.amhandler
JOIN pg_namespace hn ON hn.oid = h.pronamespace
LEFT JOIN pg_description d
  ON d.objoid = a.oid AND d.classoid = 'pg_am'::regclass AND d.objsubid = 0
WHERE a.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = a.oid)
  AND (cardinality($1::text[]) = 0 OR EXISTS (SELECT 1 FROM ns WHERE ns.oid = hn.oid))
