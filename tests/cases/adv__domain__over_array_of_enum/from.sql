CREATE TYPE tag AS ENUM ('a', 'b');
CREATE DOMAIN tags AS tag[] CHECK (cardinality(VALUE) < 5);
CREATE TABLE post (id int PRIMARY KEY, t tags);
