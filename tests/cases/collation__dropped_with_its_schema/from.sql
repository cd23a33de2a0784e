CREATE TABLE t (id int);
CREATE SCHEMA text_rules;
CREATE COLLATION text_rules.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE text_rules.words (w text COLLATE text_rules.nocase);
