CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz, version int NOT NULL DEFAULT 0);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TABLE post_log (at timestamptz DEFAULT now(), n bigint);
CREATE FUNCTION log_stmt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO post_log (n) VALUES (0);
  RETURN NULL;
END
$$;
CREATE TRIGGER posts_log AFTER INSERT OR DELETE ON posts FOR EACH STATEMENT EXECUTE FUNCTION log_stmt();
