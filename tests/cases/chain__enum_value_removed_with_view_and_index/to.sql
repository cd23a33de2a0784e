CREATE TYPE status AS ENUM ('todo', 'done');
CREATE TABLE tasks (id int PRIMARY KEY, s status NOT NULL DEFAULT 'todo');
CREATE VIEW open_tasks AS SELECT id FROM tasks WHERE s <> 'done';
CREATE INDEX tasks_s_idx ON tasks (s);
