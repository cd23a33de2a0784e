INSERT INTO u VALUES (1, 'a@corp.example');
