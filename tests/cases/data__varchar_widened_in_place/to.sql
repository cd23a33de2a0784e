CREATE TABLE codes (id integer PRIMARY KEY, code varchar(40) NOT NULL, label text);
CREATE INDEX codes_code ON codes (code);
