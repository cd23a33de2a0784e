CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);
COMMENT ON COLUMN people.name IS 'full legal name';
