CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE legacy_orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE PUBLICATION feed FOR TABLE orders, legacy_orders;
