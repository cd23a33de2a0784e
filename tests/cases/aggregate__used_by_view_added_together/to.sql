CREATE TABLE orders (customer int, amount int);
CREATE FUNCTION larger(a int, b int) RETURNS int
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT greatest(a, b) $$;
CREATE AGGREGATE max_of(int) (SFUNC = larger, STYPE = int);
CREATE VIEW customer_max AS SELECT customer, max_of(amount) AS biggest FROM orders GROUP BY customer;
