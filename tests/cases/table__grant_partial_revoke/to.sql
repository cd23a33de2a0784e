CREATE TABLE items (id int PRIMARY KEY, label text);
GRANT SELECT, INSERT ON items TO schemadiff_writer;
