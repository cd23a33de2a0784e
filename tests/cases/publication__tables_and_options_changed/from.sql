CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE PUBLICATION feed FOR TABLE orders, customers;
COMMENT ON PUBLICATION feed IS 'v1';
