CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE DOMAIN ci_text AS text COLLATE case_insensitive;
CREATE TABLE users (id int PRIMARY KEY, email text, handle ci_text);
CREATE UNIQUE INDEX users_email_ci ON users (email COLLATE case_insensitive);
