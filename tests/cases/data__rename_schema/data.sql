INSERT INTO billing.invoices VALUES (1, 10), (2, 20);
