CREATE TABLE s (id int PRIMARY KEY, qty int NOT NULL);
CREATE VIEW s_v AS SELECT id, qty FROM s;
CREATE MATERIALIZED VIEW s_mv AS SELECT id, qty FROM s_v WITH NO DATA;
CREATE INDEX s_mv_qty ON s_mv (qty) WITH (fillfactor = 50);
