CREATE TABLE orders (id int PRIMARY KEY, code text NOT NULL, total int);
CREATE UNIQUE INDEX orders_code_key ON orders (code);
ALTER TABLE orders REPLICA IDENTITY USING INDEX orders_code_key;
