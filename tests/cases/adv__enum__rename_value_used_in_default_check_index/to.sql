CREATE TYPE status AS ENUM ('fresh', 'done');
CREATE TABLE job (id int PRIMARY KEY, s status NOT NULL DEFAULT 'fresh', CONSTRAINT job_s_check CHECK (s <> 'done' OR id > 0));
CREATE INDEX job_open_idx ON job (id) WHERE s = 'fresh';
