WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_type'::regclass),
labels AS (
  SELECT e.enumtypid, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
  FROM pg_enum e GROUP BY e.enumtypid)
SELECT n.nspname::text AS schema,
       t.typname::text AS name,
       coalesce(l.labels, '{}') AS labels,
       d.description AS comment,
       (SELECT coalesce(json_agg(json_build_array(
                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
                  a.privilege_type, a.is_grantable)), '[]')::text
        FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a
        WHERE a.grantee <> t.typowner) AS grants
FROM pg_type t
JOIN ns n ON n.oid = t.typnamespace
LEFT JOIN labels l ON l.enumtypid = t.oid
LEFT JOIN pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
WHERE t.typtype = 'e'
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid)
