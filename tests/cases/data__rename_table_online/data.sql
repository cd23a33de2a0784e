INSERT INTO customers (name, email) VALUES ('a', 'a@x'), ('b', 'b@x'), ('c', NULL);
INSERT INTO orders VALUES (1, 1, 150), (2, 2, 50);
