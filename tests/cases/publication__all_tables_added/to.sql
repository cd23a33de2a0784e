CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, update, delete');
