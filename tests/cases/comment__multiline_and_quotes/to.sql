CREATE TABLE t (id int);
COMMENT ON TABLE t IS E'line one\nline "two" it''s\ttabbed';
