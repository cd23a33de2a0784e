CREATE DOMAIN money_d AS bigint CHECK (VALUE >= 0);
CREATE DOMAIN price_d AS money_d NOT NULL;
CREATE TABLE q (id int PRIMARY KEY, price price_d);
CREATE VIEW q_v AS SELECT id, price FROM q;
