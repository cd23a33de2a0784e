INSERT INTO names VALUES ('Ada', 'Lovelace'), (NULL, 'X');
