CREATE TABLE logs (region int NOT NULL, at timestamptz NOT NULL, msg text) PARTITION BY RANGE (region, at);
CREATE TABLE logs_r1 PARTITION OF logs FOR VALUES FROM (1, '2020-01-01') TO (1, '2030-01-01');
