CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL, region text, note text);
CREATE PUBLICATION feed FOR TABLE orders (id, total, note) WHERE (id > 10 AND id < 1000);
