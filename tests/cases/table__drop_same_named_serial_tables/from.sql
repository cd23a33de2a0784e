CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.items (id serial PRIMARY KEY, name text);
CREATE TABLE b.items (id bigserial PRIMARY KEY, name text);
