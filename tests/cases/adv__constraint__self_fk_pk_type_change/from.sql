CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes (id) ON DELETE CASCADE, name text);
CREATE INDEX nodes_parent_idx ON nodes (parent_id);
