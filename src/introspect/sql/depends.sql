-- Every dependency (pg_depend deptype 'n' and 'a') between two managed objects, each end
-- mapped to the object the catalog knows it as: a view's _RETURN rule is the view, a column
-- default is its column, an array type is its element type, a table row type is the table,
-- an index implementing a constraint is the constraint, an identity sequence is its column;
-- other rules and extended statistics are themselves (`model::Defined`).
-- Ends outside the catalog (system, extension members, filtered-out schemas) map to nothing
-- and drop out in the joins. A column is named by its relation and `*_attnum`; the client
-- knows the names from the columns query, which keeps pg_attribute out of this one.
WITH ns AS (@NS@),
ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
rel AS (
  SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name,
         CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
                        WHEN 'm' THEN 'materialized_view' WHEN 'S' THEN 'sequence'
                        WHEN 'c' THEN 'type' END AS kind
  FROM pg_class c
  JOIN ns n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)),
target AS MATERIALIZED (
  -- relations; identity sequences stand for their column
  SELECT 'pg_class'::regclass AS classid, r.oid,
         CASE WHEN it.oid IS NULL THEN r.kind ELSE 'column' END AS kind,
         coalesce(it.schema, r.schema) AS schema, coalesce(it.name, r.name) AS name,
         NULL::text AS sub, idd.refobjsubid::int4 AS attnum, NULL::text AS args
  FROM rel r
  LEFT JOIN pg_depend idd ON r.kind = 'sequence' AND idd.classid = 'pg_class'::regclass
       AND idd.objid = r.oid AND idd.refclassid = 'pg_class'::regclass
       AND idd.deptype = 'i' AND idd.refobjsubid > 0
  LEFT JOIN rel it ON it.oid = idd.refobjid
  UNION ALL
  -- indexes, or the constraint they implement
  SELECT 'pg_class'::regclass, x.indexrelid,
         CASE WHEN k.oid IS NULL THEN 'index' ELSE 'constraint' END,
         r.schema, r.name, coalesce(k.conname, ic.relname)::text, NULL, NULL
  FROM pg_index x
  JOIN rel r ON r.oid = x.indrelid
  JOIN pg_class ic ON ic.oid = x.indexrelid
  LEFT JOIN pg_constraint k
    ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x')
  UNION ALL
  -- enums, domains, composites; arrays as their element type; row types as their relation
  SELECT 'pg_type'::regclass, t.oid,
         CASE WHEN et.typtype IN ('e', 'd') THEN 'type' ELSE r.kind END,
         n.nspname::text,
         CASE WHEN et.typtype IN ('e', 'd') THEN et.typname::text ELSE r.name END,
         NULL, NULL, NULL
  FROM pg_type t
  LEFT JOIN pg_type el ON el.typarray = t.oid
  JOIN pg_type et ON et.oid = coalesce(el.oid, t.oid)
  JOIN ns n ON n.oid = et.typnamespace
  LEFT JOIN rel r ON r.oid = et.typrelid
  WHERE (et.typtype IN ('e', 'd') OR (et.typtype = 'c' AND r.oid IS NOT NULL))
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = et.oid)
  UNION ALL
  -- range types; their array, multirange (14+, read through to_jsonb so that 13 runs the
  -- same query) and its array stand for them
  SELECT 'pg_type'::regclass, t.oid, 'type', n.nspname::text, rt.typname::text, NULL, NULL, NULL
  FROM pg_range rg
  JOIN pg_type rt ON rt.oid = rg.rngtypid
  JOIN ns n ON n.oid = rt.typnamespace
  LEFT JOIN pg_type mt ON mt.oid = (to_jsonb(rg) ->> 'rngmultitypid')::oid
  JOIN pg_type t ON t.oid IN (rt.oid, rt.typarray, mt.oid, mt.typarray)
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = rt.oid)
  UNION ALL
  SELECT 'pg_proc'::regclass, p.oid, 'function', n.nspname::text, p.proname::text, NULL, NULL,
         oidvectortypes(p.proargtypes)
  FROM pg_proc p
  JOIN ns n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'a')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
    AND NOT EXISTS (SELECT 1 FROM pg_depend i
                    WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
  UNION ALL
  -- table constraints; NOT NULL constraints (PG18+) stand for their column
  SELECT 'pg_constraint'::regclass, k.oid,
         CASE WHEN k.contype = 'n' THEN 'column' ELSE 'constraint' END,
         r.schema, r.name,
         CASE WHEN k.contype <> 'n' THEN k.conname::text END,
         CASE WHEN k.contype = 'n' THEN k.conkey[1]::int4 END, NULL
  FROM pg_constraint k
  JOIN rel r ON r.oid = k.conrelid
  WHERE k.contype IN ('p', 'u', 'c', 'f', 'x', 'n')
  UNION ALL
  -- domain constraints; NOT NULL ones (PG17+) stand for the domain
  SELECT 'pg_constraint'::regclass, k.oid,
         CASE WHEN k.contype = 'c' THEN 'domain_constraint' ELSE 'type' END,
         n.nspname::text, t.typname::text,
         CASE WHEN k.contype = 'c' THEN k.conname::text END, NULL, NULL
  FROM pg_constraint k
  JOIN pg_type t ON t.oid = k.contypid
  JOIN ns n ON n.oid = t.typnamespace
  WHERE k.contypid <> 0
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
  UNION ALL
  SELECT 'pg_rewrite'::regclass, w.oid, r.kind, r.schema, r.name, NULL, NULL, NULL
  FROM pg_rewrite w
  JOIN rel r ON r.oid = w.ev_class
  WHERE w.rulename = '_RETURN'
  UNION ALL
  -- rules other than a view's: their relation, the rule's name in `sub`
  SELECT 'pg_rewrite'::regclass, w.oid, 'rule', r.schema, r.name, w.rulename::text, NULL, NULL
  FROM pg_rewrite w
  JOIN rel r ON r.oid = w.ev_class
  WHERE w.rulename <> '_RETURN'
  UNION ALL
  -- extended statistics: their relation, the name in `sub` and its schema in `args`
  SELECT 'pg_statistic_ext'::regclass, s.oid, 'statistics', r.schema, r.name,
         s.stxname::text, NULL, sn.nspname::text
  FROM pg_statistic_ext s
  JOIN rel r ON r.oid = s.stxrelid
  JOIN ns sn ON sn.oid = s.stxnamespace
  UNION ALL
  SELECT 'pg_attrdef'::regclass, ad.oid, 'column', r.schema, r.name, NULL, ad.adnum::int4, NULL
  FROM pg_attrdef ad
  JOIN rel r ON r.oid = ad.adrelid
  UNION ALL
  SELECT 'pg_trigger'::regclass, tg.oid, 'trigger', r.schema, r.name, tg.tgname::text, NULL, NULL
  FROM pg_trigger tg
  JOIN rel r ON r.oid = tg.tgrelid
  WHERE NOT tg.tgisinternal AND tg.tgparentid = 0
  UNION ALL
  SELECT 'pg_policy'::regclass, po.oid, 'policy', r.schema, r.name, po.polname::text, NULL, NULL
  FROM pg_policy po
  JOIN rel r ON r.oid = po.polrelid
  UNION ALL
  SELECT 'pg_collation'::regclass, co.oid, 'collation', n.nspname::text, co.collname::text,
         NULL, NULL, NULL
  FROM pg_collation co
  JOIN ns n ON n.oid = co.collnamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_collation'::regclass AND ext.objid = co.oid)
  UNION ALL
  -- access methods that are not built in nor an extension's (a table or materialized view
  -- records the one it uses)
  SELECT 'pg_am'::regclass, a.oid, 'access_method', NULL, a.amname::text, NULL, NULL, NULL
  FROM pg_am a
  WHERE a.oid >= 16384
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_am'::regclass AND ext.objid = a.oid)
  UNION ALL
  SELECT 'pg_namespace'::regclass, n.oid, 'schema', NULL, n.nspname::text, NULL, NULL, NULL
  FROM ns n
  UNION ALL
  SELECT 'pg_extension'::regclass, x.oid, 'extension', NULL, x.extname::text, NULL, NULL, NULL
  FROM pg_extension x
  JOIN ns n ON n.oid = x.extnamespace)
SELECT d.deptype::text AS deptype,
       f.kind AS from_kind, f.schema AS from_schema, f.name AS from_name, f.sub AS from_sub,
       f.args AS from_args, coalesce(f.attnum, nullif(d.objsubid, 0)) AS from_attnum,
       t.kind AS to_kind, t.schema AS to_schema, t.name AS to_name, t.sub AS to_sub,
       t.args AS to_args, coalesce(t.attnum, nullif(d.refobjsubid, 0)) AS to_attnum
FROM pg_depend d
JOIN target f ON f.classid = d.classid AND f.oid = d.objid
JOIN target t ON t.classid = d.refclassid AND t.oid = d.refobjid
WHERE d.deptype IN ('n', 'a')
  -- a column default's dependency on its own column
  AND NOT (d.classid = 'pg_attrdef'::regclass AND d.deptype = 'a')
  -- identity sequences (standing for their column) only as referenced objects
  AND NOT (f.classid = 'pg_class'::regclass AND f.kind = 'column')
  -- OWNED BY is `Sequence.owned_by`; as an edge it would close a cycle with the default
  AND NOT (f.kind = 'sequence' AND d.deptype = 'a')
