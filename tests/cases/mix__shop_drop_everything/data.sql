INSERT INTO shop.products VALUES (1, 'pen', 'EUR');
INSERT INTO shop.orders VALUES (1, 1, 20);
