SELECT count(*) = 50 FROM orders WHERE size = CASE WHEN amount > 100 THEN 'big' ELSE 'small' END;
