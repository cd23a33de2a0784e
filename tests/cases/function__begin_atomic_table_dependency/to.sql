CREATE TABLE counters (k text PRIMARY KEY, v int);
CREATE FUNCTION counter(key text) RETURNS int LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT v FROM counters WHERE k = key;
END;
