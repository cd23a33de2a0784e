CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL);
-- The result type changes: the view calling it is rebuilt around it (changes the planner
-- adds after the diff's list), while an event trigger that forbids view DDL comes and
-- another one goes. The rebuild must run between the two.
CREATE FUNCTION price(i int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT i::bigint * 2 $$;
CREATE VIEW priced AS SELECT id, price(n) AS p FROM items;
CREATE FUNCTION guard2() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'views are frozen again (%)', tg_tag;
END
$$;
CREATE EVENT TRIGGER freeze_views_again ON ddl_command_start WHEN TAG IN ('CREATE VIEW', 'DROP VIEW', 'DROP FUNCTION')
  EXECUTE FUNCTION guard2();
