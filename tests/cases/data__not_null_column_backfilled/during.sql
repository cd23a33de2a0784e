-- Old code does not know the column: the trigger fills it.
INSERT INTO orders (id, amount) VALUES (1001, 500);
INSERT INTO orders (id, amount, size) VALUES (1002, 1, 'custom');
DO $$
BEGIN
  IF (SELECT size FROM orders WHERE id = 1001) IS DISTINCT FROM 'big'
     OR (SELECT size FROM orders WHERE id = 1002) IS DISTINCT FROM 'custom' THEN
    RAISE EXCEPTION 'size not filled for old code';
  END IF;
END $$;
