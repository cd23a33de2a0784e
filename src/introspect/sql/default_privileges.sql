-- ALTER DEFAULT PRIVILEGES (pg_default_acl): per role, schema (NULL: every schema) and kind
-- of object, the grants beyond the built-in default (`acldefault`) and, for entries of every
-- schema, the built-in grants taken away. An entry of one schema can only add.
WITH ns AS (@NS@),
entry AS (
  SELECT d.defaclrole, d.defaclnamespace, d.defaclobjtype, d.defaclacl,
         CASE WHEN d.defaclnamespace = 0
              THEN acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END,
                              d.defaclrole)
              END AS builtin
  FROM pg_default_acl d)
SELECT pg_get_userbyid(e.defaclrole)::text AS role,
       n.nspname::text AS schema,
       CASE e.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES'
                            WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES'
                            WHEN 'n' THEN 'SCHEMAS' END AS object_type,
       (SELECT coalesce(json_agg(json_build_array(x.grantee, x.privilege_type, x.is_grantable)
                                 ORDER BY x.grantee, x.privilege_type), '[]')::text
        FROM (SELECT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END
                       AS grantee, g.privilege_type, g.is_grantable
              FROM aclexplode(e.defaclacl) g
              EXCEPT
              SELECT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END,
                     g.privilege_type, g.is_grantable
              FROM aclexplode(e.builtin) g) x) AS grants,
       (SELECT coalesce(json_agg(json_build_array(x.grantee, x.privilege_type, x.is_grantable)
                                 ORDER BY x.grantee, x.privilege_type), '[]')::text
        FROM (SELECT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END
                       AS grantee, g.privilege_type, g.is_grantable
              FROM aclexplode(e.builtin) g
              EXCEPT
              SELECT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END,
                     g.privilege_type, g.is_grantable
              FROM aclexplode(e.defaclacl) g) x) AS revoked
FROM entry e
LEFT JOIN ns n ON n.oid = e.defaclnamespace
WHERE e.defaclnamespace = 0 OR n.oid IS NOT NULL
