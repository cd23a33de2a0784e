CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind varchar(20) NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE INDEX events_kind_idx ON events (kind);
