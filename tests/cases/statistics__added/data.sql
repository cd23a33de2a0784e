INSERT INTO addr VALUES (1, 'Lyon', '69001', 'FR'), (2, 'Paris', '75001', 'FR');
