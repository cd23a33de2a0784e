INSERT INTO tickets (id, title) OVERRIDING SYSTEM VALUE VALUES (1, 'a'), (2, 'b');
