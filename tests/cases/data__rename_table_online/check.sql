SELECT count(*) = 3 FROM clients;
SELECT to_regclass('customers') IS NULL;
SELECT (SELECT name FROM clients WHERE id = 2) = 'b';
SELECT nextval(pg_get_serial_sequence('clients', 'id')) > 3;
