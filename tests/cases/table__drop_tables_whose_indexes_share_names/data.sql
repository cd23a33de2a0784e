INSERT INTO a.orders VALUES (1, 'x', 'first'), (2, 'y', NULL);
INSERT INTO b.accounts VALUES (1, 'x', 'other');
