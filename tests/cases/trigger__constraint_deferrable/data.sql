INSERT INTO posts (id, title) VALUES (1, 'hello'), (2, 'world');
