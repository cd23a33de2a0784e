INSERT INTO ledger VALUES (1, 10, 'frozen'), (2, 20, NULL), (3, 30, 'open');
