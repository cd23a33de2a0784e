CREATE SCHEMA app;
CREATE TABLE app.t (id integer);
ALTER SCHEMA app OWNER TO schemadiff_writer;
