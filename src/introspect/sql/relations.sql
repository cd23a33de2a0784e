-- Tables (ordinary and partitioned), views and materialized views. The access method is
-- read as it is (not against default_table_access_method), and only when it is not heap; a
-- partitioned table has none (relam 0) unless made `USING am` on PostgreSQL 17+.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_class'::regclass),
parents AS (
  SELECT i.inhrelid,
         json_agg(json_build_array(pn.nspname::text, p.relname::text) ORDER BY i.inhseqno) AS parents
  FROM pg_inherits i
  JOIN pg_class p ON p.oid = i.inhparent AND p.relkind IN ('r', 'p')
  JOIN pg_namespace pn ON pn.oid = p.relnamespace
  GROUP BY i.inhrelid)
SELECT c.oid,
       n.nspname::text AS schema,
       c.relname::text AS name,
       c.relkind::text AS relkind,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       c.relispartition AS is_partition,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       coalesce(pa.parents, '[]')::text AS parents,
       c.relrowsecurity AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       c.relreplident::text AS replica_identity,
       ri.relname::text AS replica_index,
       ARRAY(SELECT o FROM unnest(c.reloptions) o ORDER BY o) AS options,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS view_definition,
       c.relispopulated AS populated,
       CASE WHEN am.amname <> 'heap' THEN am.amname::text END AS access_method,
       d.description AS comment,
       (SELECT coalesce(json_agg(json_build_array(
                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
                  a.privilege_type, a.is_grantable)), '[]')::text
        FROM aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
        WHERE a.grantee <> c.relowner) AS grants
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN parents pa ON pa.inhrelid = c.oid
LEFT JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_index rx ON rx.indrelid = c.oid AND rx.indisreplident
LEFT JOIN pg_class ri ON ri.oid = rx.indexrelid
LEFT JOIN pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid)
