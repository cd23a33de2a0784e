CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL, changed timestamptz);
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x $$;
CREATE VIEW tv AS SELECT id, f(v) AS fv FROM t;
