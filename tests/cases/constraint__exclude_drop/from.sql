CREATE EXTENSION btree_gist;
CREATE TABLE rooms_booked (room int NOT NULL, during tstzrange NOT NULL, CONSTRAINT no_double_booking EXCLUDE USING gist (room WITH =, during WITH &&));
