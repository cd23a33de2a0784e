-- Table constraints. NOT NULL (contype 'n' on PG18+) is `Column.not_null`, constraint
-- triggers ('t') are triggers: both are left out here.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_class'::regclass)
SELECT k.conrelid AS table_oid,
       k.conname::text AS name,
       k.contype::text AS contype,
       pg_get_constraintdef(k.oid, true) AS definition,
       ARRAY(SELECT a.attname::text
             FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
             ORDER BY u.ord) AS columns,
       k.convalidated AS validated,
       k.condeferrable AS deferrable,
       k.condeferred AS initially_deferred,
       fn.nspname::text AS ref_schema,
       f.relname::text AS ref_table,
       -- Inherited from a parent (partitioning or inheritance), whether or not also
       -- declared locally: it comes and goes with the parent's.
       k.coninhcount > 0 AS inherited,
       d.description AS comment,
       -- Storage parameters of a key's own index (`PRIMARY KEY (id) WITH (fillfactor='80')`),
       -- which pg_get_constraintdef leaves out: sorted, values quoted as the server quotes
       -- them in pg_get_indexdef (bare when a plain identifier).
       (SELECT string_agg(substr(o.opt, 1, strpos(o.opt, '='))
                          || CASE WHEN quote_ident(o.val) = o.val THEN o.val ELSE quote_literal(o.val) END,
                          ', ' ORDER BY o.opt)
        FROM (SELECT opt, substr(opt, strpos(opt, '=') + 1) AS val
              FROM unnest(ki.reloptions) AS opt) o) AS index_options
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_class f ON f.oid = k.confrelid AND k.contype = 'f'
LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
LEFT JOIN pg_description d
  ON d.objoid = k.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
LEFT JOIN pg_class ki ON ki.oid = k.conindid AND k.contype IN ('p', 'u', 'x')
WHERE k.contype IN ('p', 'u', 'c', 'f', 'x')
  AND c.relkind IN ('r', 'p')
  -- A foreign key to a partitioned table gets one derived row per referenced partition,
  -- on the same table as the key itself: the key is the one object.
  AND NOT EXISTS (SELECT 1 FROM pg_constraint pk WHERE pk.oid = k.conparentid AND pk.conrelid = k.conrelid)
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid)
