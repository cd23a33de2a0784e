-- PostgreSQL 18 names a column's NOT NULL constraint (13 to 17 accept the syntax and drop
-- the name, so there the case plans nothing).
CREATE TABLE orders (
  id int CONSTRAINT orders_id_not_null NOT NULL,
  code text CONSTRAINT orders_code_required NOT NULL,
  note text
);
