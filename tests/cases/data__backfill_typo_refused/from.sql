CREATE TABLE acct (id integer PRIMARY KEY, balance integer NOT NULL);
