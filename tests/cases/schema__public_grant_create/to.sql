GRANT CREATE ON SCHEMA public TO schemadiff_writer;
