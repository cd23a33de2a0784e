CREATE DOMAIN posint AS int DEFAULT 1 CONSTRAINT posint_check CHECK (VALUE > 0);
CREATE TABLE stock (id int PRIMARY KEY, qty posint);
