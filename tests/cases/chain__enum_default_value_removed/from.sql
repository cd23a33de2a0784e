CREATE TYPE status AS ENUM ('new', 'todo', 'done');
CREATE TABLE tasks (id int PRIMARY KEY, s status NOT NULL DEFAULT 'new');
