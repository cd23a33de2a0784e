INSERT INTO users VALUES (1, 'a@example.com'), (2, 'B@example.com');
