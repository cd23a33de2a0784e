CREATE DOMAIN pct AS numeric(6,3) CHECK (VALUE BETWEEN 0 AND 100);
CREATE FUNCTION ratio(a int, b int) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN b = 0 THEN 0 ELSE round(100.0 * a / b, 1) END $$;
CREATE TABLE r (id int PRIMARY KEY, a int, b int, p pct GENERATED ALWAYS AS (ratio(a, b)) STORED);
