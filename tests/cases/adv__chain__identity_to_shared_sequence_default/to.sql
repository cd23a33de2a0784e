CREATE SEQUENCE shared_seq AS integer;
CREATE TABLE t1 (id int DEFAULT nextval('shared_seq') PRIMARY KEY);
CREATE TABLE t2 (id int DEFAULT nextval('shared_seq') PRIMARY KEY);
