INSERT INTO accounts (id, owner, balance) VALUES (1, 'alice', 10), (2, 'bob', 20);
