CREATE COLLATION bytewise (provider = libc, lc_collate = 'C', lc_ctype = 'C');
CREATE TYPE pair AS (k text COLLATE bytewise, v int);
CREATE TABLE t (id int, p pair);
