-- The serial's new sequence continues after the identity's values.
BEGIN;
INSERT INTO tickets (title) VALUES ('c') RETURNING id = 3;
ROLLBACK;
