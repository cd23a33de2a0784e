CREATE TABLE accounts (id bigserial PRIMARY KEY, points bigint NOT NULL DEFAULT 0, email text);
CREATE INDEX accounts_points_idx ON accounts (points);
CREATE TABLE txns (id bigint PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts (id));
CREATE VIEW rich AS SELECT id, points FROM accounts WHERE points > 10;
