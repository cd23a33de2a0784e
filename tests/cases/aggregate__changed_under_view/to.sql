CREATE TABLE readings (sensor int, value int);
CREATE AGGREGATE count_of(int) (SFUNC = int4_sum, STYPE = bigint, INITCOND = '0');
CREATE VIEW sensor_totals AS SELECT sensor, count_of(value) AS total FROM readings GROUP BY sensor;
GRANT SELECT ON sensor_totals TO schemadiff_reader;
