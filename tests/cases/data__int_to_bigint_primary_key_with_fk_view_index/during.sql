-- Old code inserts and updates while the shadow columns are filled by the trigger.
INSERT INTO accounts (points, email) VALUES (7, 'old');
UPDATE accounts SET points = points + 1000 WHERE id = 3;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM accounts WHERE (email = 'old' OR id = 3) AND (points_new IS DISTINCT FROM points OR id_new IS DISTINCT FROM id)) THEN
    RAISE EXCEPTION 'shadow columns out of step';
  END IF;
END $$;
