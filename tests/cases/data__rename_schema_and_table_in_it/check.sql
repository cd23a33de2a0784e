SELECT count(*) = 2 FROM contacts.persons;
SELECT (SELECT body FROM contacts.notes WHERE person_id = 2) = 'hello';
SELECT nextval(pg_get_serial_sequence('contacts.persons', 'id')) > 2;
