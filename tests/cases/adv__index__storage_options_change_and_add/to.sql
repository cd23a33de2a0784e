CREATE TABLE s (id int PRIMARY KEY WITH (fillfactor = 80), tags text[], v int);
CREATE INDEX s_v_idx ON s (v) WITH (fillfactor = 90, deduplicate_items = off);
CREATE INDEX s_tags_idx ON s USING gin (tags) WITH (fastupdate = off, gin_pending_list_limit = 128);
