CREATE TABLE r (id int PRIMARY KEY, a bigint, b int, c text);
CREATE STATISTICS r_ab (ndistinct, dependencies) ON a, b FROM r;
ALTER STATISTICS r_ab SET STATISTICS 400;
CREATE STATISTICS r_expr ON (a * 2), c FROM r;
CREATE STATISTICS r_bc ON b, c FROM r;
COMMENT ON STATISTICS r_ab IS 'kept across the retype';
