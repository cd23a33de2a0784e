CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO schemadiff_reader, schemadiff_writer;
