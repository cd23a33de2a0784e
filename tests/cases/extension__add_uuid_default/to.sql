CREATE EXTENSION pgcrypto;
CREATE TABLE docs (id int PRIMARY KEY, title text, token uuid NOT NULL DEFAULT gen_random_uuid());
