CREATE FUNCTION pick() RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT (random() * 10)::int $$;
CREATE TABLE t (id int PRIMARY KEY, v int DEFAULT pick());
