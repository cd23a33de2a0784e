SELECT count(*) = 2 FROM app.accounts;
SELECT nextval(pg_get_serial_sequence('app.accounts', 'id')) > 2;
