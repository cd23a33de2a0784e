INSERT INTO events VALUES (1, '2023-05-05', 'click');
