CREATE DOMAIN sku AS varchar(10) CHECK (VALUE ~ '^[A-Z0-9-]{2,}$');
CREATE TABLE products (id int PRIMARY KEY, code sku NOT NULL);
CREATE VIEW product_codes AS SELECT code FROM products;
