CREATE TABLE measurements (id bigint NOT NULL, taken date NOT NULL, value int) PARTITION BY RANGE (id);
CREATE TABLE measurements_low PARTITION OF measurements FOR VALUES FROM (MINVALUE) TO (1000);
CREATE TABLE sensors (id int PRIMARY KEY);
CREATE PUBLICATION telemetry FOR ALL TABLES WITH (publish_via_partition_root = true);
