CREATE TABLE measurements (id bigint NOT NULL, taken date NOT NULL, value int) PARTITION BY RANGE (taken);
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE sensors (id int PRIMARY KEY);
CREATE PUBLICATION telemetry FOR TABLE measurements, sensors WITH (publish_via_partition_root = true);
