INSERT INTO stock (sku, qty) VALUES ('old', 3);
INSERT INTO stock (sku, quantity) VALUES ('new', 40);
UPDATE stock SET qty = 99 WHERE sku = 's1';
DO $$
BEGIN
  IF (SELECT quantity FROM stock WHERE sku = 'old') IS DISTINCT FROM 3
     OR (SELECT quantity FROM stock WHERE sku = 's1') IS DISTINCT FROM 99 THEN
    RAISE EXCEPTION 'rename with type change out of step';
  END IF;
END $$;
