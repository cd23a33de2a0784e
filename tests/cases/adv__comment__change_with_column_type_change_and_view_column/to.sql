CREATE TABLE c (id int PRIMARY KEY, v bigint);
COMMENT ON COLUMN c.v IS 'new
line';
CREATE VIEW c_view AS SELECT id, v FROM c;
COMMENT ON COLUMN c_view.v IS 'view v';
COMMENT ON VIEW c_view IS 'kept';
