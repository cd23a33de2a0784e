CREATE TABLE items (id int PRIMARY KEY, label text);
GRANT SELECT ON items TO schemadiff_reader;
