CREATE TABLE events (id integer NOT NULL, note text);
ALTER TABLE events ADD CONSTRAINT "Events Key" PRIMARY KEY (id);
ALTER TABLE events REPLICA IDENTITY USING INDEX "Events Key";
