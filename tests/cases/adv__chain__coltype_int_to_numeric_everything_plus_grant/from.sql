CREATE TABLE items (id int PRIMARY KEY, price int NOT NULL DEFAULT 0, CONSTRAINT items_price_check CHECK (price < 1000000));
GRANT SELECT (price), UPDATE (price) ON items TO schemadiff_writer WITH GRANT OPTION;
COMMENT ON COLUMN items.price IS 'price in cents';
CREATE VIEW cheap_items AS SELECT id, price FROM items WHERE price < 10;
GRANT SELECT ON cheap_items TO schemadiff_reader;
CREATE INDEX items_price_idx ON items (price DESC NULLS LAST);
