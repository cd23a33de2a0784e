SELECT sum_squares(x) = 14 FROM t;
