CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz, version int NOT NULL DEFAULT 0);
