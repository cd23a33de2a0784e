CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE t (id int, name text);
CREATE INDEX t_name_ci ON t (name COLLATE ci);
