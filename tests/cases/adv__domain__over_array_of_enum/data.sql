INSERT INTO post VALUES (1, '{a,b}');
