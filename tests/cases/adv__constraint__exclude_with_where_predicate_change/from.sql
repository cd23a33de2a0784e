CREATE TABLE booking (id int PRIMARY KEY, during tsrange NOT NULL, active boolean NOT NULL DEFAULT true, kind text,
  CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (active));
