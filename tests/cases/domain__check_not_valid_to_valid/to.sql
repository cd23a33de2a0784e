CREATE DOMAIN posint AS int CONSTRAINT posint_check CHECK (VALUE > 0) CONSTRAINT posint_small CHECK (VALUE < 100000);
CREATE TABLE stock (id int PRIMARY KEY, qty posint);
