CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL);
CREATE FUNCTION price(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i * 2 $$;
CREATE VIEW priced AS SELECT id, price(n) AS p FROM items;
CREATE FUNCTION guard() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'views are frozen (%)', tg_tag;
END
$$;
CREATE EVENT TRIGGER freeze_views ON ddl_command_start WHEN TAG IN ('CREATE VIEW', 'DROP VIEW', 'DROP FUNCTION')
  EXECUTE FUNCTION guard();
