-- schemadiff:renamed from=customers
CREATE TABLE clients (
    id serial PRIMARY KEY,
    name text NOT NULL,
    email text UNIQUE,
    phone text
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES clients (id),
    total numeric(10, 2)
);
-- schemadiff:renamed from=customers_name_idx
CREATE INDEX clients_name_idx ON clients (name);
CREATE VIEW big_customers AS SELECT c.id, c.name FROM clients c JOIN orders o ON o.customer_id = c.id WHERE o.total > 100;
GRANT SELECT, INSERT, UPDATE, DELETE ON clients TO schemadiff_writer;
GRANT SELECT (id, name) ON clients TO schemadiff_reader;
GRANT USAGE ON SEQUENCE clients_id_seq TO schemadiff_writer;
