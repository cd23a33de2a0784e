CREATE TABLE s (id int PRIMARY KEY, tags text[], v int);
CREATE INDEX s_v_idx ON s (v) WITH (fillfactor = 70);
CREATE INDEX s_tags_idx ON s USING gin (tags);
