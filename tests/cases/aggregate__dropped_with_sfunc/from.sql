CREATE FUNCTION concat_step(acc text, x text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT acc || ',' || x $$;
CREATE AGGREGATE concat_all(text) (SFUNC = concat_step, STYPE = text, PARALLEL = SAFE);
COMMENT ON AGGREGATE concat_all(text) IS 'joined with commas';
GRANT EXECUTE ON FUNCTION concat_all(text) TO schemadiff_writer;
CREATE TABLE kept (id int);
