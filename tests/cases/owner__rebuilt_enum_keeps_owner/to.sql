CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TYPE mood OWNER TO schemadiff_reader;
CREATE TABLE t (m mood);
CREATE COLLATION c (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
ALTER COLLATION c OWNER TO schemadiff_writer;
CREATE TABLE u (name text COLLATE c);
