CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz, version int NOT NULL DEFAULT 0);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE FUNCTION check_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.title = '' THEN
    RAISE EXCEPTION 'empty title';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER posts_title_check AFTER INSERT ON posts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_title();
