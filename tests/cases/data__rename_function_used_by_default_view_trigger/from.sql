CREATE FUNCTION make_code(prefix text) RETURNS text LANGUAGE sql VOLATILE
    AS $$ SELECT prefix || '-' || floor(random() * 1000)::int $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE PROCEDURE archive_old(days integer) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    code text NOT NULL DEFAULT make_code('it'),
    updated_at timestamptz
);
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW item_codes AS SELECT id, code, make_code('v') AS sample FROM items;
GRANT EXECUTE ON FUNCTION make_code(text) TO schemadiff_reader;
