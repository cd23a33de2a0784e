CREATE TABLE items (id int PRIMARY KEY, label text);
GRANT ALL ON TABLE items TO schemadiff_writer WITH GRANT OPTION;
