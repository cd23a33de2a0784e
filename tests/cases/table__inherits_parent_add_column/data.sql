INSERT INTO child (id, extra) VALUES (2, 'x');
