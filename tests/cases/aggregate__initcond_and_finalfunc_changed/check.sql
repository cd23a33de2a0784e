SELECT my_avg(x) = '{16,3}'::numeric[] FROM t;
