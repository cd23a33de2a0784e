-- the old syntax, type aliases, lower case, defaults left out
create aggregate total (basetype = int4, sfunc = int4pl, stype = int4, initcond = 0);
create aggregate pick(float8 order by anyelement) (
  stype = internal, sfunc = ordered_set_transition, finalfunc_extra,
  finalfunc = percentile_disc_final);
comment on aggregate pick(float8, anyelement) is 'picks';
