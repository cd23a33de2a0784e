CREATE TABLE events (id integer NOT NULL, note text);
