CREATE TABLE accounts (id int PRIMARY KEY, email text);
CREATE TABLE sessions (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE FUNCTION no_new_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'creating tables is frozen (%)', tg_tag;
END
$$;
CREATE EVENT TRIGGER freeze_tables ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE', 'CREATE INDEX')
  EXECUTE FUNCTION no_new_tables();
