CREATE FUNCTION note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'ddl (v2): %', tg_tag;
END
$$;
CREATE FUNCTION other_note() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'other: %', tg_tag;
END
$$;
CREATE EVENT TRIGGER note_ddl ON ddl_command_end EXECUTE FUNCTION other_note();
