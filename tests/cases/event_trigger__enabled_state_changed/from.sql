CREATE FUNCTION note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'ddl: %', tg_tag;
END
$$;
CREATE EVENT TRIGGER a_note ON ddl_command_end EXECUTE FUNCTION note_ddl();
CREATE EVENT TRIGGER b_note ON ddl_command_end EXECUTE FUNCTION note_ddl();
ALTER EVENT TRIGGER b_note DISABLE;
CREATE EVENT TRIGGER c_note ON ddl_command_end EXECUTE FUNCTION note_ddl();
