CREATE DOMAIN posint AS int CONSTRAINT posint_check CHECK (VALUE > 0 AND VALUE < 10000);
CREATE TABLE stock (id int PRIMARY KEY, qty posint);
