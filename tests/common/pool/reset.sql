-- Empty a used test database back to what CREATE DATABASE ... TEMPLATE template0 gives:
-- drop every object with a user OID (>= 16384, FirstNormalObjectId), owners before what
-- they own. Each DROP may fail (already gone with its owner, or owned by something that
-- cannot be dropped on its own): the fingerprint that follows decides whether this worked.
SET client_min_messages = warning;
DO $reset$
DECLARE
    stmt text;
    stmts text[];
BEGIN
    SELECT array_agg(s ORDER BY ord, s) INTO stmts FROM (
        SELECT 0, format('DROP EVENT TRIGGER IF EXISTS %I CASCADE', evtname) FROM pg_event_trigger
        UNION ALL
        SELECT 1, format('DROP PUBLICATION IF EXISTS %I', pubname) FROM pg_publication
        UNION ALL
        SELECT 2, format('DROP EXTENSION IF EXISTS %I CASCADE', extname)
        FROM pg_extension WHERE oid >= 16384
        UNION ALL
        SELECT 3, format('DROP SCHEMA IF EXISTS %I CASCADE', nspname)
        FROM pg_namespace WHERE oid >= 16384
        UNION ALL
        SELECT 4, format('DROP %s IF EXISTS %s CASCADE',
            CASE relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'TABLE' WHEN 'v' THEN 'VIEW'
                WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'c' THEN 'TYPE' END,
            oid::regclass)
        FROM pg_class WHERE oid >= 16384 AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
        UNION ALL
        SELECT 5, format('DROP %s IF EXISTS %s CASCADE',
            CASE typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, oid::regtype)
        FROM pg_type WHERE oid >= 16384 AND typrelid = 0 AND typcategory <> 'A'
        UNION ALL
        SELECT 6, format('DROP ROUTINE IF EXISTS %s CASCADE', oid::regprocedure)
        FROM pg_proc WHERE oid >= 16384
        UNION ALL
        SELECT 7, format('DROP %s IF EXISTS %s CASCADE', upper(replace(i.type, '-', ' ')), i.identity)
        FROM (
            SELECT 'pg_collation'::regclass AS c, oid FROM pg_collation WHERE oid >= 16384
            UNION ALL SELECT 'pg_conversion'::regclass, oid FROM pg_conversion WHERE oid >= 16384
            UNION ALL SELECT 'pg_operator'::regclass, oid FROM pg_operator WHERE oid >= 16384
            UNION ALL SELECT 'pg_opfamily'::regclass, oid FROM pg_opfamily WHERE oid >= 16384
            UNION ALL SELECT 'pg_opclass'::regclass, oid FROM pg_opclass WHERE oid >= 16384
            UNION ALL SELECT 'pg_ts_config'::regclass, oid FROM pg_ts_config WHERE oid >= 16384
            UNION ALL SELECT 'pg_ts_dict'::regclass, oid FROM pg_ts_dict WHERE oid >= 16384
            UNION ALL SELECT 'pg_statistic_ext'::regclass, oid FROM pg_statistic_ext WHERE oid >= 16384
            UNION ALL SELECT 'pg_cast'::regclass, oid FROM pg_cast WHERE oid >= 16384
            UNION ALL SELECT 'pg_foreign_server'::regclass, oid FROM pg_foreign_server WHERE oid >= 16384
            UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, oid FROM pg_foreign_data_wrapper WHERE oid >= 16384
            UNION ALL SELECT 'pg_language'::regclass, oid FROM pg_language WHERE oid >= 16384
            UNION ALL SELECT 'pg_am'::regclass, oid FROM pg_am WHERE oid >= 16384
        ) o, pg_identify_object(o.c, o.oid, 0) i
    ) s(ord, s);
    FOREACH stmt IN ARRAY coalesce(stmts, '{}') LOOP
        BEGIN
            EXECUTE stmt;
        EXCEPTION WHEN OTHERS THEN
            NULL;
        END;
    END LOOP;
END
$reset$;
