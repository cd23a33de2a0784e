-- Indexes of tables and materialized views, except those implementing a constraint.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_class'::regclass),
constraint_index AS (
  SELECT conindid FROM pg_constraint WHERE contype IN ('p', 'u', 'x') AND conindid <> 0)
SELECT x.indrelid AS table_oid,
       ic.relname::text AS name,
       pg_get_indexdef(x.indexrelid) AS definition,
       x.indisunique AS is_unique,
       am.amname::text AS method,
       x.indisvalid AS valid,
       pn.nspname::text AS parent_schema,
       p.relname::text AS parent_name,
       d.description AS comment
FROM pg_index x
JOIN pg_class ic ON ic.oid = x.indexrelid
JOIN pg_class c ON c.oid = x.indrelid
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_inherits i ON i.inhrelid = x.indexrelid
LEFT JOIN pg_class p ON p.oid = i.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
LEFT JOIN pg_description d
  ON d.objoid = x.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm')
  AND NOT EXISTS (SELECT 1 FROM constraint_index ci WHERE ci.conindid = x.indexrelid)
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid)
