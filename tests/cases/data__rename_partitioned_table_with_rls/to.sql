-- schemadiff:renamed from=events
CREATE TABLE activity (
    id bigint NOT NULL,
    tenant text NOT NULL,
    at date NOT NULL,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF activity FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF activity FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_tenant ON activity USING (tenant = current_user);
GRANT SELECT, INSERT ON activity TO schemadiff_reader;
