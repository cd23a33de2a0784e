CREATE TABLE t (id integer, amount integer CONSTRAINT amount_ok CHECK (amount > 0 AND amount < 1000));
