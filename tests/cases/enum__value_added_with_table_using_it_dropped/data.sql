INSERT INTO billing.accounts VALUES ('Ünï'), (DEFAULT);
