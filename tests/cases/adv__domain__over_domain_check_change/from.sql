CREATE DOMAIN posint AS int CONSTRAINT posint_check CHECK (VALUE > 0);
CREATE DOMAIN smallpos AS posint CONSTRAINT smallpos_check CHECK (VALUE < 100);
CREATE TABLE q (id int PRIMARY KEY, n smallpos);
