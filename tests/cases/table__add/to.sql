CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, price numeric(10,2));
