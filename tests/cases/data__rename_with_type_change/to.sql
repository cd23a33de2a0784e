CREATE TABLE stock (
  sku text PRIMARY KEY,
  -- schemadiff:renamed from=qty
  quantity bigint NOT NULL DEFAULT 0
);
CREATE VIEW low_stock AS SELECT sku FROM stock WHERE quantity < 5;
