INSERT INTO notes VALUES (1, 'alice', 'hi', false), (2, 'bob', 'yo', true);
