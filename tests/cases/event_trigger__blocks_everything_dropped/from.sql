CREATE TABLE accounts (id int PRIMARY KEY);
CREATE FUNCTION no_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'DDL is frozen (%)', tg_tag;
END
$$;
CREATE EVENT TRIGGER freeze_all ON ddl_command_start EXECUTE FUNCTION no_ddl();
ALTER EVENT TRIGGER freeze_all ENABLE ALWAYS;
