INSERT INTO tickets VALUES ('a'), ('b');
