CREATE TYPE status AS ENUM ('new', 'running', 'done');
CREATE TABLE job (id int PRIMARY KEY, s status NOT NULL DEFAULT 'running', CONSTRAINT job_s_check CHECK (s <> 'running' OR id > 0));
CREATE INDEX job_running_idx ON job (id) WHERE s = 'running';
CREATE VIEW running_jobs AS SELECT id FROM job WHERE s = 'running';
