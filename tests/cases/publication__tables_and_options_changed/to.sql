CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE invoices (id int PRIMARY KEY, order_id int NOT NULL);
CREATE PUBLICATION feed FOR TABLE orders, invoices WITH (publish = 'insert, update', publish_via_partition_root = true);
COMMENT ON PUBLICATION feed IS 'v2';
