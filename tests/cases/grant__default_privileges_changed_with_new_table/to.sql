CREATE SCHEMA app;
-- Before the table: it gets the grant, and so must the migrated one (created with an
-- explicit grant, the defaults changed after it).
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, UPDATE ON TABLES TO schemadiff_writer;
CREATE TABLE app.orders (id integer PRIMARY KEY, note text);
CREATE SEQUENCE app.counter;
