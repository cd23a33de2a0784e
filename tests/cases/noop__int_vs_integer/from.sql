CREATE TABLE t (a int, b int8, c int2, d float8, e bool, f decimal(10,2), g float4);
