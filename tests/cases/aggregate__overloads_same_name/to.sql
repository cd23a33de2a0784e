CREATE AGGREGATE combine(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
CREATE AGGREGATE combine(text) (SFUNC = textcat, STYPE = text, INITCOND = '>');
CREATE AGGREGATE combine(numeric) (SFUNC = numeric_add, STYPE = numeric, INITCOND = '0');
COMMENT ON AGGREGATE combine(numeric) IS 'numeric one';
