CREATE TABLE p1 (a int);
CREATE TABLE p2 (b int);
CREATE TABLE kid (c int) INHERITS (p1, p2);
