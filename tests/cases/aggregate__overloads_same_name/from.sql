CREATE AGGREGATE combine(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
CREATE AGGREGATE combine(text) (SFUNC = textcat, STYPE = text, INITCOND = '');
CREATE AGGREGATE combine(bigint) (SFUNC = int8pl, STYPE = bigint);
