CREATE TABLE accounts (id int PRIMARY KEY, owner bigint, note text);
GRANT SELECT ON TABLE accounts TO schemadiff_writer;
GRANT UPDATE (owner) ON TABLE accounts TO schemadiff_writer;
GRANT SELECT (note) ON TABLE accounts TO schemadiff_reader;
