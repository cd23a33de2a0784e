SELECT count(*) = 25 FROM stock WHERE quantity = substr(sku, 2)::int;
SELECT count(*) = 4 FROM low_stock;
