-- Range types (CREATE TYPE ... AS RANGE). The operator class and collation only when they are
-- not the subtype's defaults; the multirange's name is compared with PostgreSQL's own
-- derivation on the client (`@MULTIRANGE@`: 14+).
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_type'::regclass)
SELECT n.nspname::text AS schema,
       t.typname::text AS name,
       format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT oc.opcdefault THEN ocn.nspname::text END AS opclass_schema,
       CASE WHEN NOT oc.opcdefault THEN oc.opcname::text END AS opclass_name,
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN cn.nspname::text END
         AS collation_schema,
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN co.collname::text END
         AS collation_name,
       CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END AS canonical,
       CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS subtype_diff,
       @MULTIRANGE@,
       d.description AS comment,
       (SELECT coalesce(json_agg(json_build_array(
                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
                  a.privilege_type, a.is_grantable)), '[]')::text
        FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a
        WHERE a.grantee <> t.typowner) AS grants
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN ns n ON n.oid = t.typnamespace
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_opclass oc ON oc.oid = r.rngsubopc
JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
LEFT JOIN pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid)
