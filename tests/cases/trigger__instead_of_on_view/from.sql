CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz, version int NOT NULL DEFAULT 0);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE VIEW post_titles AS SELECT id, title FROM posts;
CREATE FUNCTION post_titles_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO posts (id, title) VALUES (NEW.id, NEW.title);
  RETURN NEW;
END
$$;
