CREATE DOMAIN posint AS int CONSTRAINT posint_check CHECK (VALUE >= 0);
CREATE DOMAIN smallpos AS posint CONSTRAINT smallpos_check CHECK (VALUE < 1000);
CREATE TABLE q (id int PRIMARY KEY, n smallpos);
