CREATE TYPE inner_t AS (v int, w int);
CREATE TYPE outer_t AS (i inner_t, note text);
CREATE TABLE holder (id int PRIMARY KEY, o outer_t);
CREATE FUNCTION get_v(o outer_t) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT (o).i.v $$;
CREATE INDEX holder_v_idx ON holder (get_v(o));
