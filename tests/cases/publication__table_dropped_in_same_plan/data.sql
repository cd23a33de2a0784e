INSERT INTO orders VALUES (1, 10), (2, 20);
INSERT INTO legacy_orders VALUES (7, 70);
