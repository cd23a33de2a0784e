-- Owners (`--owners` only): every object of the managed schemas that has an owner of its
-- own, with that owner, where it is not the connecting user (no row: the connecting user's,
-- see `model::owner`). Candidates only: the caller keeps the objects the catalog holds
-- (`Catalog::has_own_owner`), so extension members, a table's row type, identity and owned
-- sequences need no filter here. `kind` names the `ObjectId` variant.
WITH ns AS (@NS@),
o AS (
  SELECT 'schema' AS kind, NULL::text AS schema, n.nspname::text AS name, NULL::text AS args,
         NULL::text AS table_schema, NULL::text AS table_name, n.nspowner AS owner
  FROM ns n
  UNION ALL
  SELECT 'collation', n.nspname::text, c.collname::text, NULL, NULL, NULL, c.collowner
  FROM pg_collation c JOIN ns n ON n.oid = c.collnamespace
  UNION ALL
  SELECT 'type', n.nspname::text, t.typname::text, NULL, NULL, NULL, t.typowner
  FROM pg_type t JOIN ns n ON n.oid = t.typnamespace
  WHERE t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (
    SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
                        WHEN 'm' THEN 'materialized_view' ELSE 'table' END,
         n.nspname::text, c.relname::text, NULL, NULL, NULL, c.relowner
  FROM pg_class c JOIN ns n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
  UNION ALL
  SELECT 'function', n.nspname::text, p.proname::text, oidvectortypes(p.proargtypes),
         NULL, NULL, p.proowner
  FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace
  UNION ALL
  SELECT 'statistics', n.nspname::text, s.stxname::text, NULL, rn.nspname::text,
         r.relname::text, s.stxowner
  FROM pg_statistic_ext s
  JOIN ns n ON n.oid = s.stxnamespace
  JOIN pg_class r ON r.oid = s.stxrelid
  JOIN pg_namespace rn ON rn.oid = r.relnamespace
  UNION ALL
  SELECT 'publication', NULL, p.pubname::text, NULL, NULL, NULL, p.pubowner
  FROM pg_publication p
  UNION ALL
  SELECT 'event_trigger', NULL, e.evtname::text, NULL, NULL, NULL, e.evtowner
  FROM pg_event_trigger e)
SELECT o.kind, o.schema, o.name, o.args, o.table_schema, o.table_name,
       pg_get_userbyid(o.owner)::text AS owner
FROM o
WHERE o.owner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
ORDER BY 1, 2, 3, 4
