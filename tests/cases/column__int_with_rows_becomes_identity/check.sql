-- New identities continue after the rows' values, upwards and downwards.
BEGIN;
INSERT INTO people (name) VALUES ('c') RETURNING id = 8;
INSERT INTO countdown DEFAULT VALUES RETURNING n = -6;
ROLLBACK;
