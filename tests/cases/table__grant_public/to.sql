CREATE TABLE items (id int PRIMARY KEY, label text);
GRANT SELECT ON items TO PUBLIC;
