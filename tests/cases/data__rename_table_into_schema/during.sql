INSERT INTO legacy.users (login) VALUES ('old-code');
INSERT INTO app.accounts (login) VALUES ('new-code');
DO $$
BEGIN
  IF (SELECT count(*) FROM app.accounts) <> 4 OR (SELECT count(*) FROM legacy.users) <> 4 THEN
    RAISE EXCEPTION 'old and new names do not see one table';
  END IF;
END $$;
