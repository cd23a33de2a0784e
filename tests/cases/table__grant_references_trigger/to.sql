CREATE TABLE items (id int PRIMARY KEY, label text);
GRANT REFERENCES, TRIGGER ON items TO schemadiff_writer;
