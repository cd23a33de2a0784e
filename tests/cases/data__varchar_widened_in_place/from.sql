CREATE TABLE codes (id integer PRIMARY KEY, code varchar(10) NOT NULL, label varchar(20));
CREATE INDEX codes_code ON codes (code);
