INSERT INTO events VALUES (1, '2023-05-05', 'click'), (2, '2023-06-06', 'view');
