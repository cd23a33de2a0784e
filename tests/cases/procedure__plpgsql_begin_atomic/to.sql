CREATE TABLE audit (at timestamptz DEFAULT now(), msg text);
CREATE PROCEDURE log_twice(m text) LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO audit (msg) VALUES (m);
  INSERT INTO audit (msg) VALUES (m);
END;
