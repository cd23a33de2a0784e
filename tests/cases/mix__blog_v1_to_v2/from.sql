CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE posts (id int PRIMARY KEY, author_id int, title varchar(100), body text);
CREATE INDEX posts_title_idx ON posts (title);
