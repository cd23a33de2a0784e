CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TYPE pair AS (a integer, b text);
CREATE TYPE span AS RANGE (subtype = integer);
ALTER TYPE mood OWNER TO schemadiff_reader;
ALTER DOMAIN positive OWNER TO schemadiff_reader;
