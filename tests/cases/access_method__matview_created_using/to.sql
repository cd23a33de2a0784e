CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE items (id int PRIMARY KEY, price numeric NOT NULL);
CREATE MATERIALIZED VIEW expensive USING heap2 AS SELECT id, price FROM items WHERE price > 10;
