CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL DEFAULT 'open');
CREATE MATERIALIZED VIEW sales AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer;
CREATE INDEX sales_idx ON sales (total);
