-- Stand-alone composite types (CREATE TYPE ... AS (...)), not table row types.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_type'::regclass),
attrs AS (
  SELECT a.attrelid,
         json_agg(json_build_array(
           a.attname::text,
           format_type(a.atttypid, a.atttypmod),
           CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN cn.nspname::text END,
           CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN co.collname::text END)
           ORDER BY a.attnum) AS attrs
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'c'
  JOIN pg_type at ON at.oid = a.atttypid
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  WHERE a.attnum > 0 AND NOT a.attisdropped
  GROUP BY a.attrelid)
SELECT n.nspname::text AS schema,
       t.typname::text AS name,
       coalesce(x.attrs, '[]')::text AS attributes,
       d.description AS comment,
       (SELECT coalesce(json_agg(json_build_array(
                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
                  a.privilege_type, a.is_grantable)), '[]')::text
        FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a
        WHERE a.grantee <> t.typowner) AS grants
FROM pg_type t
JOIN ns n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
LEFT JOIN attrs x ON x.attrelid = c.oid
LEFT JOIN pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
WHERE t.typtype = 'c'
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid)
