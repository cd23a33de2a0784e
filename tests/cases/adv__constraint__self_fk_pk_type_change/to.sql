CREATE TABLE nodes (id bigint PRIMARY KEY, parent_id bigint REFERENCES nodes (id) ON DELETE CASCADE, name text);
CREATE INDEX nodes_parent_idx ON nodes (parent_id);
