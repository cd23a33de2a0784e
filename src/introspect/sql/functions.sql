-- Functions and procedures (aggregates: aggregates.sql; window functions are not managed:
-- only C can define them).
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_proc'::regclass)
SELECT n.nspname::text AS schema,
       p.proname::text AS name,
       oidvectortypes(p.proargtypes) AS args,
       p.prokind::text AS prokind,
       pg_get_functiondef(p.oid) AS definition,
       CASE WHEN p.prokind = 'f' THEN pg_get_function_result(p.oid) END AS returns,
       l.lanname::text AS language,
       p.provolatile::text AS volatility,
       p.prosecdef AS security_definer,
       coalesce(p.proconfig, '{}') AS config,
       d.description AS comment,
       (SELECT coalesce(json_agg(json_build_array(
                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
                  a.privilege_type, a.is_grantable)), '[]')::text
        FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
        WHERE a.grantee <> p.proowner) AS grants
FROM pg_proc p
JOIN ns n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_description d
  ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
WHERE p.prokind IN ('f', 'p')
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid)
  -- a range type's constructors come and go with it
  AND NOT EXISTS (SELECT 1 FROM pg_depend i
                  WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
