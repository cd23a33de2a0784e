CREATE TABLE acct (id int NOT NULL, kind text NOT NULL, PRIMARY KEY (id, kind)) PARTITION BY LIST (kind);
CREATE TABLE acct_a PARTITION OF acct FOR VALUES IN ('a');
CREATE TABLE txn (id int PRIMARY KEY, acct_id int, acct_kind text);
