CREATE TABLE items (price int);
CREATE AGGREGATE price_sum(int) (SFUNC = int4pl, STYPE = int);
CREATE FUNCTION total_price() RETURNS int LANGUAGE sql STABLE
  BEGIN ATOMIC SELECT price_sum(price) FROM items; END;
