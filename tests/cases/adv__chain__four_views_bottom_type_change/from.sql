CREATE TABLE m (id int PRIMARY KEY, v int NOT NULL);
CREATE VIEW v1 AS SELECT id, v FROM m;
CREATE VIEW v2 AS SELECT id, v, v + 1 AS w FROM v1;
CREATE VIEW v3 AS SELECT id, w FROM v2 WHERE v > 0;
CREATE VIEW v4 AS SELECT count(*) AS n, max(w) AS top FROM v3;
COMMENT ON VIEW v4 IS 'top of the chain';
GRANT SELECT ON v4 TO schemadiff_reader;
