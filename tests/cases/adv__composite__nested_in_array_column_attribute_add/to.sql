CREATE TYPE point2 AS (x int, y int, z int);
CREATE TYPE segment AS (a point2, b point2);
CREATE TABLE drawing (id int PRIMARY KEY, segs segment[]);
