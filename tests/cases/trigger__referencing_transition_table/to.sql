CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz, version int NOT NULL DEFAULT 0);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TABLE post_log (at timestamptz DEFAULT now(), n bigint);
CREATE FUNCTION count_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO post_log (n) SELECT count(*) FROM new_rows;
  RETURN NULL;
END
$$;
CREATE TRIGGER posts_count AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_new();
