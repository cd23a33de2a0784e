CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE PUBLICATION orders_feed FOR TABLE orders, customers;
COMMENT ON PUBLICATION orders_feed IS 'orders for the warehouse';
