CREATE TABLE accounts (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, balance int NOT NULL DEFAULT 0);
