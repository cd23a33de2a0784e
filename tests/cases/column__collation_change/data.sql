INSERT INTO words VALUES ('b'), ('A');
