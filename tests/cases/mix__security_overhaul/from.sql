CREATE SCHEMA sec;
CREATE TABLE sec.secrets (id int PRIMARY KEY, owner name, val text);
GRANT USAGE ON SCHEMA sec TO PUBLIC;
GRANT SELECT ON sec.secrets TO PUBLIC;
