CREATE SCHEMA app;
CREATE TABLE app.items (id integer PRIMARY KEY);
-- What tables, sequences and functions created later are granted.
ALTER DEFAULT PRIVILEGES FOR ROLE schemadiff_writer IN SCHEMA app GRANT SELECT, INSERT ON TABLES TO schemadiff_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE schemadiff_writer GRANT USAGE ON SEQUENCES TO schemadiff_reader WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT EXECUTE ON FUNCTIONS TO schemadiff_reader;
