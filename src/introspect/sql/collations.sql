-- User collations in the managed schemas (not pg_catalog's, not extension members). The
-- locale columns differ between versions (ICU's `colliculocale` on 15 and 16, `colllocale`
-- from 17, `collcollate` before 15), so they are read through to_jsonb, which has whichever
-- the server has. The version (`collversion`) is left out: it differs between servers.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_collation'::regclass)
SELECT n.nspname::text AS schema,
       co.collname::text AS name,
       co.collprovider::text AS provider,
       CASE WHEN co.collprovider <> 'c'
            THEN coalesce(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale',
                          co.collcollate::text) END AS locale,
       CASE WHEN co.collprovider = 'c' THEN co.collcollate::text END AS lc_collate,
       CASE WHEN co.collprovider = 'c' THEN co.collctype::text END AS lc_ctype,
       co.collisdeterministic AS deterministic,
       d.description AS comment
FROM pg_collation co
JOIN ns n ON n.oid = co.collnamespace
LEFT JOIN pg_description d
  ON d.objoid = co.oid AND d.classoid = 'pg_collation'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = co.oid)
