-- Aggregates, as `FunctionKind::Aggregate` functions (the same columns as functions.sql).
-- PostgreSQL prints no aggregate definition, so the `CREATE OR REPLACE AGGREGATE` statement
-- is built here from pg_aggregate the way pg_dump's dumpAgg builds it: options in its order,
-- each only when it differs from what CREATE AGGREGATE would take by default. Functions are
-- named through `regproc` and types through `format_type`, both schema-qualified under the
-- empty search_path; the sort operator as `OPERATOR(schema.op)`. Every pg_aggregate column
-- read here exists on PostgreSQL 11 and later.
WITH ns AS (@NS@),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e' AND classid = 'pg_proc'::regclass),
agg AS (
  SELECT a.*, p.oid, p.pronargs, p.proparallel,
         -- FINALFUNC_MODIFY's default: READ_ONLY for a plain aggregate, READ_WRITE otherwise
         CASE a.aggkind WHEN 'n' THEN 'r' ELSE 'w' END AS default_modify
  FROM pg_aggregate a
  JOIN pg_proc p ON p.oid = a.aggfnoid),
modify(code, word) AS (VALUES ('r', 'READ_ONLY'), ('s', 'SHAREABLE'), ('w', 'READ_WRITE'))
SELECT n.nspname::text AS schema,
       p.proname::text AS name,
       oidvectortypes(p.proargtypes) AS args,
       p.prokind::text AS prokind,
       'CREATE OR REPLACE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
       || '(' || CASE WHEN g.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END
       || ') (' || E'\n' || concat_ws(E',\n',
         '    SFUNC = ' || g.aggtransfn::regproc::text,
         '    STYPE = ' || format_type(g.aggtranstype, NULL),
         CASE WHEN g.aggtransspace <> 0 THEN '    SSPACE = ' || g.aggtransspace END,
         CASE WHEN g.agginitval IS NOT NULL THEN '    INITCOND = ' || quote_literal(g.agginitval) END,
         CASE WHEN g.aggfinalfn <> 0 THEN '    FINALFUNC = ' || g.aggfinalfn::regproc::text END,
         CASE WHEN g.aggfinalfn <> 0 AND g.aggfinalextra THEN '    FINALFUNC_EXTRA' END,
         CASE WHEN g.aggfinalfn <> 0 AND g.aggfinalmodify <> g.default_modify
              THEN '    FINALFUNC_MODIFY = ' || (SELECT word FROM modify WHERE code = g.aggfinalmodify) END,
         CASE WHEN g.aggcombinefn <> 0 THEN '    COMBINEFUNC = ' || g.aggcombinefn::regproc::text END,
         CASE WHEN g.aggserialfn <> 0 THEN '    SERIALFUNC = ' || g.aggserialfn::regproc::text END,
         CASE WHEN g.aggdeserialfn <> 0 THEN '    DESERIALFUNC = ' || g.aggdeserialfn::regproc::text END,
         CASE WHEN g.aggmtransfn <> 0 THEN '    MSFUNC = ' || g.aggmtransfn::regproc::text
                                           || E',\n    MINVFUNC = ' || g.aggminvtransfn::regproc::text
                                           || E',\n    MSTYPE = ' || format_type(g.aggmtranstype, NULL) END,
         CASE WHEN g.aggmtransspace <> 0 THEN '    MSSPACE = ' || g.aggmtransspace END,
         CASE WHEN g.aggminitval IS NOT NULL THEN '    MINITCOND = ' || quote_literal(g.aggminitval) END,
         CASE WHEN g.aggmfinalfn <> 0 THEN '    MFINALFUNC = ' || g.aggmfinalfn::regproc::text END,
         CASE WHEN g.aggmfinalfn <> 0 AND g.aggmfinalextra THEN '    MFINALFUNC_EXTRA' END,
         CASE WHEN g.aggmfinalfn <> 0 AND g.aggmfinalmodify <> g.default_modify
              THEN '    MFINALFUNC_MODIFY = ' || (SELECT word FROM modify WHERE code = g.aggmfinalmodify) END,
         (SELECT '    SORTOP = OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')'
          FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace
          WHERE o.oid = g.aggsortop),
         CASE WHEN g.aggkind = 'h' THEN '    HYPOTHETICAL' END,
         CASE g.proparallel WHEN 's' THEN '    PARALLEL = SAFE'
                            WHEN 'r' THEN '    PARALLEL = RESTRICTED' END)
       || E'\n)' AS definition,
       pg_get_function_result(p.oid) AS returns,
       l.lanname::text AS language,
       p.provolatile::text AS volatility,
       p.prosecdef AS security_definer,
       coalesce(p.proconfig, '{}') AS config,
       d.description AS comment,
       (SELECT coalesce(json_agg(json_build_array(
                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
                  a.privilege_type, a.is_grantable)), '[]')::text
        FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
        WHERE a.grantee <> p.proowner) AS grants
FROM agg g
JOIN pg_proc p ON p.oid = g.oid
JOIN ns n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_description d
  ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
WHERE p.prokind = 'a'
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid)
