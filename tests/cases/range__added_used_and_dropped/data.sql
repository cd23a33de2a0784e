INSERT INTO booking VALUES (1, '[1,5)');
