INSERT INTO invoices VALUES (1, 100), (2, 101);
