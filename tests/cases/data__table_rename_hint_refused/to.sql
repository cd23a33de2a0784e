-- schemadiff:renamed from=customers
CREATE TABLE clients (id integer PRIMARY KEY, name text);
