CREATE TABLE payments (id int PRIMARY KEY, amount int NOT NULL, payer text);
CREATE VIEW payers AS SELECT id, payer FROM payments;
