-- Columns of every table and view (sorted by attnum on the client); dropped columns skipped.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_class'::regclass),
identity_seq AS MATERIALIZED (
  SELECT d.refobjid, d.refobjsubid, s.*, sn.nspname::text AS seq_schema, sc.relname::text AS seq_name
  FROM pg_depend d
  JOIN pg_sequence s ON s.seqrelid = d.objid
  JOIN pg_class sc ON sc.oid = s.seqrelid
  JOIN pg_namespace sn ON sn.oid = sc.relnamespace
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.deptype = 'i' AND d.refobjsubid > 0)
SELECT a.attrelid AS table_oid,
       a.attnum::int4 AS attnum,
       a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod) AS type_name,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN cn.nspname::text END
         AS collation_schema,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN co.collname::text END
         AS collation_name,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
       -- A default that calls a volatile function (found in the stored expression tree)
       -- makes ADD COLUMN rewrite the table. The CASE keeps the regular expression away
       -- from columns without a default (half this query's time at 50,000 tables).
       CASE WHEN ad.adbin IS NULL OR a.attgenerated <> '' THEN false ELSE EXISTS (
         SELECT 1
         FROM regexp_matches(ad.adbin::text, ':(?:funcid|opfuncid) ([0-9]+)', 'g') m
         JOIN pg_proc p ON p.oid = m[1]::oid
         WHERE p.provolatile = 'v') END AS default_volatile,
       a.attnotnull AS not_null,
       -- The NOT NULL constraint's name (PostgreSQL 18+; the default one is dropped again
       -- on the client).
       @NOTNULLNAME@ AS not_null_name,
       -- A partition's column shares its parent's identity on PostgreSQL 17+ (attidentity
       -- set, no sequence of its own): it comes and goes with the parent's, as before 17.
       CASE WHEN c.relispartition AND s.seqrelid IS NULL THEN '' ELSE a.attidentity::text END
         AS identity,
       format_type(s.seqtypid, NULL) AS seq_type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       s.seq_schema, s.seq_name,
       -- Inherited from a parent (attaching a table as a partition keeps attislocal, but
       -- the column belongs to the parent all the same).
       a.attinhcount > 0 AS inherited,
       -- Storage only where it is not the type's default; compression only where set.
       CASE WHEN a.attstorage <> t.typstorage THEN
         CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external'
                           WHEN 'x' THEN 'extended' WHEN 'm' THEN 'main' END END AS storage,
       CASE t.typstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external'
                         WHEN 'x' THEN 'extended' WHEN 'm' THEN 'main' END AS type_storage,
       @COMPRESSION@ AS compression,
       d.description AS comment,
       -- Most columns have no grants of their own: no subquery for them.
       CASE WHEN a.attacl IS NULL THEN '[]' ELSE
       (SELECT coalesce(json_agg(json_build_array(
                  CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END,
                  g.privilege_type, g.is_grantable)), '[]')::text
        FROM aclexplode(a.attacl) g
        WHERE g.grantee <> c.relowner) END AS grants
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN identity_seq s ON s.refobjid = a.attrelid AND s.refobjsubid = a.attnum
LEFT JOIN pg_description d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND a.attnum > 0 AND NOT a.attisdropped
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid)
