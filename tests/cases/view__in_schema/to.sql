CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL DEFAULT 'open');
CREATE SCHEMA reporting;
CREATE VIEW reporting.paid AS SELECT id, amount FROM public.orders WHERE status = 'paid';
