CREATE TABLE t (g int, x int);
CREATE AGGREGATE product(factor int) (SFUNC = int4mul, STYPE = int, INITCOND = '1');
CREATE VIEW products AS SELECT g, product(x) AS p FROM t GROUP BY g;
COMMENT ON VIEW products IS 'per group';
