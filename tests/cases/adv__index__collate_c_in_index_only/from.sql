CREATE TABLE names (id int PRIMARY KEY, n text NOT NULL);
CREATE INDEX names_n_idx ON names (n);
