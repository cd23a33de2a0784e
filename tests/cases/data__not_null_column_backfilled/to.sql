CREATE TABLE orders (
  id bigint PRIMARY KEY,
  amount numeric(10,2) NOT NULL,
  -- schemadiff:backfill using="CASE WHEN amount > 100 THEN 'big' ELSE 'small' END"
  size text NOT NULL
);
