SELECT nth_value_of(2) WITHIN GROUP (ORDER BY x) IN (1, 2, 3) FROM t;
SELECT ticks(*) = 3 FROM t;
SELECT my_max(x::int) = 3 FROM t;
