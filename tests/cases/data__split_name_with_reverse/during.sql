INSERT INTO people (id, name) VALUES (101, 'Ada Lovelace');
INSERT INTO people (id, first_name, last_name) VALUES (102, 'Alan', 'Turing');
UPDATE people SET name = 'Grace Hopper' WHERE id = 3;
UPDATE people SET last_name = 'Changed' WHERE id = 4;
DO $$
BEGIN
  IF (SELECT (first_name, last_name) FROM people WHERE id = 101) IS DISTINCT FROM ROW('Ada'::text, 'Lovelace'::text)
     OR (SELECT name FROM people WHERE id = 102) IS DISTINCT FROM 'Alan Turing'
     OR (SELECT (first_name, last_name) FROM people WHERE id = 3) IS DISTINCT FROM ROW('Grace'::text, 'Hopper'::text)
     OR (SELECT name FROM people WHERE id = 4) IS DISTINCT FROM 'First4 Changed' THEN
    RAISE EXCEPTION 'split columns out of step: %', (SELECT array_agg(p ORDER BY id) FROM people p WHERE id IN (3, 4, 101, 102));
  END IF;
END $$;
