-- schemadiff:renamed from=make_code
CREATE FUNCTION new_code(prefix text) RETURNS text LANGUAGE sql VOLATILE
    AS $$ SELECT prefix || '-' || floor(random() * 1000)::int $$;
-- schemadiff:renamed from=touch
CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
-- schemadiff:renamed from=archive_old
CREATE PROCEDURE archive_older_than(days integer) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    code text NOT NULL DEFAULT new_code('it'),
    updated_at timestamptz
);
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE VIEW item_codes AS SELECT id, code, new_code('v') AS sample FROM items;
GRANT EXECUTE ON FUNCTION new_code(text) TO schemadiff_reader;
