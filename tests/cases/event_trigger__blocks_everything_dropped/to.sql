CREATE TABLE accounts (id int PRIMARY KEY, email text);
CREATE TABLE sessions (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts);
