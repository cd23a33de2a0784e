CREATE SCHEMA shop;
CREATE TYPE shop.currency AS ENUM ('EUR', 'USD');
CREATE TABLE shop.products (id int PRIMARY KEY, name text NOT NULL, cur shop.currency NOT NULL DEFAULT 'EUR');
CREATE TABLE shop.orders (id int PRIMARY KEY, product_id int REFERENCES shop.products, qty int);
CREATE VIEW shop.big_orders AS SELECT * FROM shop.orders WHERE qty > 10;
CREATE SEQUENCE shop.receipt_no;
