INSERT INTO parent (id) VALUES (1);
INSERT INTO child (id, extra) VALUES (2, 'x');
