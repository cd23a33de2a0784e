CREATE TABLE sw (id int PRIMARY KEY, a text, b int);
CREATE INDEX sw_a_idx ON sw (a);
CREATE INDEX sw_b_idx ON sw (b);
