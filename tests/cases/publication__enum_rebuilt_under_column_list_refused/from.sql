CREATE TYPE status AS ENUM ('new', 'paid', 'void');
CREATE TABLE orders (id int PRIMARY KEY, status status NOT NULL);
CREATE PUBLICATION paid_orders FOR TABLE orders (id, status);
