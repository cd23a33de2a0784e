CREATE TABLE names (id int PRIMARY KEY, n text NOT NULL);
CREATE INDEX names_n_idx ON names (n COLLATE "C" text_pattern_ops);
CREATE INDEX names_lower_c_idx ON names ((lower(n)) COLLATE "C" DESC);
