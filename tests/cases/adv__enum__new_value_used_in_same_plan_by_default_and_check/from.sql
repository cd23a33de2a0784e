CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE job (id int PRIMARY KEY, s status NOT NULL DEFAULT 'new');
