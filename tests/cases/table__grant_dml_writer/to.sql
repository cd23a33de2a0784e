CREATE TABLE items (id int PRIMARY KEY, label text);
GRANT SELECT, INSERT, UPDATE, DELETE ON items TO schemadiff_writer;
