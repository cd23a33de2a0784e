-- Publications (not extension members), with their member tables and schemas of the managed
-- schemas. A publication is read when it has a member in the managed schemas (the members
-- outside are left out of it, so a scope of one schema never sees another's publications,
-- and changes only its own members), or, when no `--schema` names the managed schemas
-- ($1 empty), when it publishes all tables or has no members at all: those belong to the
-- whole database, and a plan of some schemas must not drop them.
-- `members_outside`: it also has members the managed schemas do not hold (a scoped plan
-- takes out its own members instead of dropping it).
-- `@PUBREL@` (column list and row filter) and `@PUBNS@` (FOR TABLES IN SCHEMA) are 15+.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_publication'::regclass),
pubns AS (@PUBNS@),
rel AS (
  SELECT pr.prpubid, n.nspname::text AS schema, c.relname::text AS name, @PUBREL@
  FROM pg_publication_rel pr
  JOIN pg_class c ON c.oid = pr.prrelid
  JOIN ns n ON n.oid = c.relnamespace),
sch AS (
  SELECT pn.pubid, n.nspname::text AS name
  FROM pubns pn
  JOIN ns n ON n.oid = pn.nspid)
SELECT p.pubname::text AS name,
       p.puballtables AS all_tables,
       p.pubinsert AS publish_insert,
       p.pubupdate AS publish_update,
       p.pubdelete AS publish_delete,
       p.pubtruncate AS publish_truncate,
       p.pubviaroot AS via_root,
       (SELECT coalesce(json_agg(json_build_array(r.schema, r.name, r.columns, r.row_filter,
                                                  r.filter_columns)
                                 ORDER BY r.schema, r.name), '[]')::text
        FROM rel r WHERE r.prpubid = p.oid) AS tables,
       (SELECT coalesce(json_agg(s.name ORDER BY s.name), '[]')::text
        FROM sch s WHERE s.pubid = p.oid) AS schemas,
       d.description AS comment,
       (EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_class c ON c.oid = pr.prrelid
                WHERE pr.prpubid = p.oid
                  AND c.relnamespace NOT IN (SELECT oid FROM ns))
        OR EXISTS (SELECT 1 FROM pubns pn
                   WHERE pn.pubid = p.oid AND pn.nspid NOT IN (SELECT oid FROM ns)))
         AS members_outside
FROM pg_publication p
LEFT JOIN pg_description d
  ON d.objoid = p.oid AND d.classoid = 'pg_publication'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid)
  AND (EXISTS (SELECT 1 FROM rel r WHERE r.prpubid = p.oid)
       OR EXISTS (SELECT 1 FROM sch s WHERE s.pubid = p.oid)
       OR (cardinality($1::text[]) = 0
           AND (p.puballtables
                OR (NOT EXISTS (SELECT 1 FROM pg_publication_rel pr WHERE pr.prpubid = p.oid)
                    AND NOT EXISTS (SELECT 1 FROM pubns pn WHERE pn.pubid = p.oid)))))
