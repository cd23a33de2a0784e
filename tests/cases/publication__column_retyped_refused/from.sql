CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL, region text);
CREATE PUBLICATION feed FOR TABLE orders (id, total);
