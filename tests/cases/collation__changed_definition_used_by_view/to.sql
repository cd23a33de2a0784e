CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
CREATE TABLE t (id int, name text);
CREATE VIEW v AS SELECT id, name COLLATE ci AS name_ci FROM t;
