CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE PUBLICATION feed FOR TABLE orders;
COMMENT ON PUBLICATION feed IS 'orders only';
