CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE keep (id int);
CREATE TABLE gone (id int PRIMARY KEY, name text COLLATE ci NOT NULL DEFAULT 'x');
