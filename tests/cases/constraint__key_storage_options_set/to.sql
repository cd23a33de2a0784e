CREATE TABLE k (id int PRIMARY KEY WITH (fillfactor = 80), code text UNIQUE WITH (fillfactor = 70, deduplicate_items = off), v int);
