CREATE TABLE a (id int PRIMARY KEY, code text);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a, n int CHECK (n > 0));
