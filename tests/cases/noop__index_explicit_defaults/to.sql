CREATE TABLE t (a int, b text);
CREATE INDEX t_ab ON t USING btree (a ASC NULLS LAST, b ASC);
