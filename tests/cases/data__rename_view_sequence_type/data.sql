INSERT INTO tickets (feeling, title) VALUES ('happy', 'a'), ('sad', 'b'), ('ok', NULL);
