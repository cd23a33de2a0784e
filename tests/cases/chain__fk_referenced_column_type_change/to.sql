CREATE TABLE a (id bigint PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id bigint REFERENCES a);
CREATE INDEX b_a_id_idx ON b (a_id);
