CREATE TABLE stock (
  sku text PRIMARY KEY,
  qty integer NOT NULL DEFAULT 0
);
CREATE VIEW low_stock AS SELECT sku FROM stock WHERE qty < 5;
