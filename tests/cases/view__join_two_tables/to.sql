CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL DEFAULT 'open');
CREATE TABLE customers (name text PRIMARY KEY, city text);
CREATE VIEW order_cities AS SELECT o.id, c.city FROM orders o JOIN customers c ON c.name = o.customer;
