CREATE TYPE tag AS ENUM ('a', 'b', 'c');
CREATE DOMAIN tags AS tag[] CHECK (cardinality(VALUE) < 10);
CREATE TABLE post (id int PRIMARY KEY, t tags);
