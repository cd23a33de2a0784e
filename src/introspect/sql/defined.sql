-- Extended statistics and rules (not a view's _RETURN rule): objects whose whole state is
-- the definition the server prints (`model::Defined`). Read with an empty search_path, so
-- every name in a definition is schema-qualified. A rule's definition loses its `;`.
-- A statistics object's plain columns are a set (stored sorted by attribute number, printed
-- in that order): the list is rewritten in name order, so two tables whose columns were
-- added in different orders give the same definition.
WITH ns AS (@NS@),
ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
stats AS (
  SELECT s.oid, s.stxrelid, s.stxnamespace, s.stxname, s.stxstattarget,
         pg_get_statisticsobjdef(s.oid) AS def,
         'CREATE STATISTICS ' || quote_ident(sn.nspname) || '.' || quote_ident(s.stxname) AS head,
         ' ON ' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.n)
                    FROM unnest(s.stxkeys::int2[]) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = k.attnum) AS by_attnum,
         ' ON ' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attname)
                    FROM unnest(s.stxkeys::int2[]) k(attnum)
                    JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = k.attnum) AS by_name
  FROM pg_statistic_ext s
  JOIN ns sn ON sn.oid = s.stxnamespace)
SELECT s.stxrelid AS table_oid,
       'statistics' AS kind,
       sn.nspname::text AS schema,
       s.stxname::text AS name,
       CASE WHEN s.by_attnum IS NULL OR left(s.def, length(s.head)) <> s.head
                 OR position(s.by_attnum IN substr(s.def, length(s.head) + 1)) = 0
            THEN s.def
            ELSE s.head || overlay(substr(s.def, length(s.head) + 1) PLACING s.by_name
                                   FROM position(s.by_attnum IN substr(s.def, length(s.head) + 1))
                                   FOR length(s.by_attnum))
       END AS definition,
       nullif(coalesce(s.stxstattarget::int4, -1), -1) AS target,
       d.description AS comment
FROM stats s
JOIN ns sn ON sn.oid = s.stxnamespace
JOIN pg_class c ON c.oid = s.stxrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_description d
  ON d.objoid = s.oid AND d.classoid = 'pg_statistic_ext'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm')
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
  AND NOT EXISTS (
    SELECT 1 FROM ext WHERE ext.classid = 'pg_statistic_ext'::regclass AND ext.objid = s.oid)
UNION ALL
SELECT w.ev_class, 'rule', n.nspname::text, w.rulename::text,
       rtrim(pg_get_ruledef(w.oid), ';'), NULL, d.description
FROM pg_rewrite w
JOIN pg_class c ON c.oid = w.ev_class
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_description d
  ON d.objoid = w.oid AND d.classoid = 'pg_rewrite'::regclass AND d.objsubid = 0
WHERE w.rulename <> '_RETURN'
  AND c.relkind IN ('r', 'p', 'v')
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
