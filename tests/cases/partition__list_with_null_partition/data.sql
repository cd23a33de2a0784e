INSERT INTO customers VALUES (1, 'de', 'Anna'), (2, 'fr', 'Jean');
