CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);
COMMENT ON AGGREGATE total(int) IS 'old words';
GRANT EXECUTE ON FUNCTION total(int) TO schemadiff_reader;
