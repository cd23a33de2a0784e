-- Event triggers (not extension members) whose function is in the managed schemas.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_event_trigger'::regclass)
SELECT e.evtname::text AS name,
       e.evtevent::text AS event,
       coalesce(array_to_json(e.evttags), '[]')::text AS tags,
       n.nspname::text AS function_schema,
       f.proname::text AS function_name,
       oidvectortypes(f.proargtypes) AS function_args,
       e.evtenabled::text AS enabled,
       d.description AS comment
FROM pg_event_trigger e
JOIN pg_proc f ON f.oid = e.evtfoid
JOIN ns n ON n.oid = f.pronamespace
LEFT JOIN pg_description d
  ON d.objoid = e.oid AND d.classoid = 'pg_event_trigger'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = e.oid)
