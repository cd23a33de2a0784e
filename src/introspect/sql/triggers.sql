-- User triggers (including constraint triggers), without internal ones (foreign keys) and
-- without the clones a partitioned table's trigger makes on its partitions (tgparentid).
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_class'::regclass)
SELECT t.tgrelid AS table_oid,
       t.tgname::text AS name,
       pg_get_triggerdef(t.oid, false) AS definition,
       t.tgenabled::text AS enabled,
       d.description AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_trigger'::regclass AND d.objsubid = 0
WHERE NOT t.tgisinternal AND t.tgparentid = 0
  AND c.relkind IN ('r', 'p', 'v')
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid)
