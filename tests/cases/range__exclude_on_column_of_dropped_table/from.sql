CREATE TYPE span AS RANGE (subtype = integer);
CREATE TABLE bookings (id integer PRIMARY KEY, slot span, CONSTRAINT "no overlap" EXCLUDE USING gist (slot WITH &&));
