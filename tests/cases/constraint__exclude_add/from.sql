CREATE EXTENSION btree_gist;
CREATE TABLE rooms_booked (room int NOT NULL, during tstzrange NOT NULL);
