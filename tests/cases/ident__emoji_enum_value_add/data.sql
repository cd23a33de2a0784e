INSERT INTO feelings VALUES (1, '😀'), (2, '😢');
