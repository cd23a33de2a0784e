CREATE TYPE color AS ENUM ('red', 'green');
CREATE DOMAIN pct AS int CHECK (VALUE BETWEEN 0 AND 100);
CREATE TYPE rgb AS (r int, g int, b int);
CREATE TABLE paints (id int PRIMARY KEY, c color, opacity pct, mix rgb);
