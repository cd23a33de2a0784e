CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL, secret text, region text);
CREATE PUBLICATION feed FOR TABLE orders (id, total, secret) WHERE (id > 0);
