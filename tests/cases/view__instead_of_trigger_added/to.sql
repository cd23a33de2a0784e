CREATE TABLE t (id int PRIMARY KEY, v text);
CREATE VIEW vt AS SELECT id, upper(v) AS v FROM t;
CREATE FUNCTION vt_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO t VALUES (NEW.id, lower(NEW.v));
  RETURN NEW;
END $$;
CREATE TRIGGER vt_write INSTEAD OF INSERT ON vt FOR EACH ROW EXECUTE FUNCTION vt_write();
COMMENT ON TRIGGER vt_write ON vt IS 'writes through';
