-- A label goes: the enum is rebuilt and its columns converted with ALTER COLUMN TYPE,
-- which PostgreSQL refuses while a publication's column list names the column.
CREATE TYPE status AS ENUM ('new', 'paid');
CREATE TABLE orders (id int PRIMARY KEY, status status NOT NULL);
CREATE PUBLICATION paid_orders FOR TABLE orders (id, status);
