CREATE TABLE base (id int NOT NULL, v int);
CREATE TABLE kid1 (extra text) INHERITS (base);
CREATE TABLE kid2 () INHERITS (base);
