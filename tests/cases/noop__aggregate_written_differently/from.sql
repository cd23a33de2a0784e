CREATE AGGREGATE public.total(integer) (
  SFUNC = pg_catalog.int4pl, STYPE = integer, INITCOND = '0', PARALLEL = UNSAFE,
  SSPACE = 0);
CREATE AGGREGATE public.pick(double precision ORDER BY anyelement) (
  SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = percentile_disc_final,
  FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_WRITE);
COMMENT ON AGGREGATE public.pick(double precision ORDER BY anyelement) IS 'picks';
