INSERT INTO codes VALUES (1, 'abc'), (2, 'XYZ');
