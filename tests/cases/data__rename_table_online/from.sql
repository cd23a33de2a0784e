CREATE TABLE customers (
    id serial PRIMARY KEY,
    name text NOT NULL,
    email text UNIQUE
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    total numeric(10, 2)
);
CREATE INDEX customers_name_idx ON customers (name);
CREATE VIEW big_customers AS SELECT c.id, c.name FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.total > 100;
GRANT SELECT, INSERT, UPDATE, DELETE ON customers TO schemadiff_writer;
GRANT SELECT (id, name) ON customers TO schemadiff_reader;
GRANT USAGE ON SEQUENCE customers_id_seq TO schemadiff_writer;
