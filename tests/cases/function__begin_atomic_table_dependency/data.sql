INSERT INTO counters VALUES ('a', 1);
