CREATE TABLE payments (id int PRIMARY KEY, amount int NOT NULL);
CREATE VIEW payers AS SELECT id FROM payments;
