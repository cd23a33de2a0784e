CREATE TABLE payments (id int PRIMARY KEY, amount bigint NOT NULL, payer text);
CREATE VIEW big_payments AS SELECT id, amount, payer FROM payments WHERE amount > 100;
CREATE VIEW big_payers AS SELECT payer, sum(amount) AS total FROM big_payments GROUP BY payer;
