-- CHECK constraints of domains (NOT NULL is `Domain.not_null`, also on PG17+ where it is a
-- pg_constraint row of its own).
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_type'::regclass)
SELECT k.contypid AS domain_oid,
       k.conname::text AS name,
       pg_get_constraintdef(k.oid, true) AS definition,
       k.convalidated AS validated,
       d.description AS comment
FROM pg_constraint k
JOIN pg_type t ON t.oid = k.contypid
JOIN ns n ON n.oid = t.typnamespace
LEFT JOIN pg_description d
  ON d.objoid = k.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
WHERE k.contypid <> 0 AND k.contype = 'c'
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid)
