INSERT INTO old_blobs VALUES (1, '\x0102');
INSERT INTO kept VALUES (1, 'g');
