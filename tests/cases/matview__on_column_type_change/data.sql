INSERT INTO orders VALUES (1, 'ann', 10.50, 'open'), (2, 'bob', 99.00, 'paid'), (3, 'ann', 5.25, 'paid');
