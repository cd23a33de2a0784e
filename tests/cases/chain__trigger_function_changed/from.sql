CREATE TABLE items (id int PRIMARY KEY, name text, name_lower text);
CREATE FUNCTION items_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_lower := lower(NEW.name);
  RETURN NEW;
END
$$;
CREATE TRIGGER items_sync BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_sync();
