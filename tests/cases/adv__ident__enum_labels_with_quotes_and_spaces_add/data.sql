INSERT INTO lab VALUES ('a b');
