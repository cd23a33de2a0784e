-- Old code writes under the old name (a view now), new code under the new one: one table.
INSERT INTO customers (name, email) VALUES ('old-code', 'old@x');
INSERT INTO clients (name, email, phone) VALUES ('new-code', 'new@x', '555');
UPDATE customers SET email = 'a2@x' WHERE id = 1;
DELETE FROM customers WHERE name = 'c';
SET LOCAL ROLE schemadiff_writer;
INSERT INTO customers (name) VALUES ('writer-role');
RESET ROLE;
DO $$
BEGIN
  IF (SELECT count(*) FROM clients WHERE name IN ('old-code', 'new-code', 'writer-role')) <> 3
     OR (SELECT email FROM clients WHERE id = 1) IS DISTINCT FROM 'a2@x'
     OR EXISTS (SELECT FROM clients WHERE name = 'c')
     OR (SELECT count(*) FROM customers) <> (SELECT count(*) FROM clients)
     OR (SELECT count(*) FROM big_customers) <> 1 THEN
    RAISE EXCEPTION 'old and new names do not see one table';
  END IF;
END $$;
