INSERT INTO drawing VALUES (1, ARRAY[ROW(ROW(1,2), ROW(3,4))::segment]);
