CREATE TABLE names (id int PRIMARY KEY, n text COLLATE "C" NOT NULL);
CREATE INDEX names_n_idx ON names (n);
CREATE UNIQUE INDEX names_lower_idx ON names (lower(n));
