CREATE TYPE post_state AS ENUM ('draft', 'published');
CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL, bio text);
CREATE TABLE posts (id int PRIMARY KEY, author_id bigint REFERENCES authors ON DELETE CASCADE, title varchar(200) NOT NULL, body text, state post_state NOT NULL DEFAULT 'draft');
CREATE INDEX posts_title_idx ON posts (lower(title));
CREATE VIEW published AS SELECT id, title FROM posts WHERE state = 'published';
GRANT SELECT ON published TO schemadiff_reader;
COMMENT ON TABLE posts IS 'blog posts';
