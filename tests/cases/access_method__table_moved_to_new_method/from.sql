CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
CREATE INDEX items_name ON items (name);
