-- Writes the fingerprint query of a database on this server (the catalogs' columns are the
-- server's, so it is made once per run, by psql, on a fresh database). The fingerprint is
-- one line `what:...` per catalog:
-- - every per-database catalog: its row count and the set of its rows' xmin. A fresh
--   database is a copy of template0, whose rows all carry initdb's transaction ids; a row
--   inserted or updated since (MVCC: a new row version) carries a later one, and a deleted
--   row changes the count. So equal lines mean no row was added, changed or removed.
--   pg_statistic is only counted, for user relations (autoanalyze rewrites the system
--   catalogs' statistics, which describe no object).
-- - pg_class, whose rows are also updated in place (no new xmin): a hash of every row, all
--   columns but the page and freeze counters that VACUUM and ANALYZE move. reg* columns are
--   hashed as OIDs (the same information, faster to print).
-- - this database's own rows in the shared catalogs: its pg_database row (also updated in
--   place) without name, OID and freeze horizons; its settings, comment, security labels and
--   role dependencies.
-- Two databases of one server with the same fingerprint hold the same objects, grants,
-- comments, settings and extensions.
SELECT string_agg(q, E'\nUNION ALL\n' ORDER BY n, q) || E'\nORDER BY 1;' FROM (
    SELECT 0 AS n, format(
        'SELECT %L || count(*) || '':'' || coalesce(string_agg(DISTINCT xmin::text, '',''), '''') FROM pg_catalog.%I',
        c.relname || ':', c.relname) AS q
    FROM pg_class c
    WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared
        AND c.relname NOT IN ('pg_statistic', 'pg_statistic_ext_data')
    UNION ALL
    SELECT 0, format(
        'SELECT %L || count(*) || ''.'' || coalesce(sum(hashtextextended(ROW(%s)::text, 0)::numeric), 0) FROM pg_catalog.pg_class',
        'pg_class rows:',
        (SELECT string_agg(
                CASE WHEN a.atttypid::regtype::text LIKE 'reg%'
                    THEN quote_ident(a.attname) || '::oid' ELSE quote_ident(a.attname) END,
                ', ' ORDER BY a.attnum)
            FROM pg_attribute a
            WHERE a.attrelid = 'pg_catalog.pg_class'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                AND a.attname NOT IN ('relpages', 'reltuples', 'relallvisible', 'relfrozenxid', 'relminmxid')))
    UNION ALL
    SELECT 1, q FROM unnest(ARRAY[
        $$SELECT 'pg_statistic of user relations:' || count(*) FROM pg_statistic WHERE starelid >= 16384$$,
        $$SELECT 'pg_statistic_ext_data:' || count(*) FROM pg_statistic_ext_data$$,
        $$SELECT 'pg_database:' || (to_jsonb(d) - 'oid' - 'datname' - 'datfrozenxid' - 'datminmxid')::text
            FROM pg_database d WHERE datname = current_database()$$,
        $$SELECT 'pg_db_role_setting:' || coalesce(string_agg(ROW(setrole, setconfig)::text, ' ' ORDER BY setrole), '')
            FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())$$,
        $$SELECT 'pg_shdescription:' || coalesce(string_agg(description, ' '), '')
            FROM pg_shdescription WHERE classoid = 'pg_database'::regclass
                AND objoid = (SELECT oid FROM pg_database WHERE datname = current_database())$$,
        $$SELECT 'pg_shseclabel:' || coalesce(string_agg(ROW(provider, label)::text, ' '), '')
            FROM pg_shseclabel WHERE classoid = 'pg_database'::regclass
                AND objoid = (SELECT oid FROM pg_database WHERE datname = current_database())$$,
        $$SELECT 'pg_shdepend:' || count(*) || '.' || coalesce(sum(hashtextextended(
                ROW(classid, objid, objsubid, refclassid, refobjid, deptype)::text, 0)::numeric), 0)
            FROM pg_shdepend WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                OR (classid = 'pg_database'::regclass
                    AND objid = (SELECT oid FROM pg_database WHERE datname = current_database()))$$
    ]) q
) qs;
