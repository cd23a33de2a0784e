CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
COMMENT ON COLLATION ci IS 'ignores case and accents';
CREATE TABLE t (id int PRIMARY KEY, name text COLLATE ci NOT NULL DEFAULT 'x', tags text[] COLLATE ci, CONSTRAINT t_name_key UNIQUE (name));
CREATE INDEX t_tags_idx ON t (tags);
CREATE VIEW v AS SELECT id, name FROM t;
CREATE TABLE other (id int, label text);
