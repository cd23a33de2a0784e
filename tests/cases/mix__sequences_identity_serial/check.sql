-- The identity continues after the serial's values: the next insert gets a free key.
BEGIN;
INSERT INTO a DEFAULT VALUES RETURNING id = 3;
ROLLBACK;
