CREATE TABLE t (id integer, a integer, b integer);
CREATE INDEX t_a_idx ON t (a);
COMMENT ON INDEX t_a_idx IS 'lookup';
