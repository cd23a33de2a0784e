CREATE TABLE codes (code varchar(20) COLLATE "C" NOT NULL, CONSTRAINT codes_code_key UNIQUE (code) INCLUDE (code));
CREATE INDEX codes_prefix_idx ON codes (substr(code, 1, 3) COLLATE "POSIX");
