-- Old code under the old name, through the view: the policy still applies to it.
INSERT INTO events VALUES (3, 'postgres', '2026-05-01');
SET LOCAL ROLE schemadiff_reader;
DO $$
BEGIN
  IF (SELECT count(*) FROM events) <> 1 OR (SELECT count(*) FROM activity) <> 1 THEN
    RAISE EXCEPTION 'row-level security does not hold through the old name';
  END IF;
END $$;
RESET ROLE;
DO $$
BEGIN
  IF (SELECT count(*) FROM activity) <> 3 THEN
    RAISE EXCEPTION 'the old name does not write the renamed table';
  END IF;
END $$;
