CREATE FUNCTION note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'ddl: %', tg_tag;
END
$$;
CREATE EVENT TRIGGER note_ddl ON sql_drop WHEN TAG IN ('DROP TABLE') EXECUTE FUNCTION note_ddl();
