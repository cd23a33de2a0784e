CREATE TABLE items (id int PRIMARY KEY, price numeric NOT NULL);
CREATE MATERIALIZED VIEW expensive AS SELECT id, price FROM items WHERE price > 10;
CREATE UNIQUE INDEX expensive_id ON expensive (id);
