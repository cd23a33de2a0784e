INSERT INTO acct VALUES (1, 'a');
INSERT INTO txn VALUES (1, 1, 'a');
