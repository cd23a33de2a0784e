WITH ns AS (@NS@)
SELECT x.extname::text AS name,
       n.nspname::text AS schema,
       x.extversion AS version,
       d.description AS comment
FROM pg_extension x
JOIN ns n ON n.oid = x.extnamespace
LEFT JOIN pg_description d
  ON d.objoid = x.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0
