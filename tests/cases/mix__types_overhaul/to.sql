CREATE TYPE color AS ENUM ('red', 'orange', 'green', 'blue');
CREATE DOMAIN pct AS int NOT NULL DEFAULT 100 CHECK (VALUE BETWEEN 0 AND 100);
CREATE TYPE rgb AS (r int, g int, b int, a int);
CREATE TABLE paints (id int PRIMARY KEY, c color, opacity pct, mix rgb);
COMMENT ON TYPE color IS 'paint colors';
GRANT USAGE ON TYPE color TO schemadiff_reader;
