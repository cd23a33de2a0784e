CREATE TABLE keep (id int PRIMARY KEY);
CREATE TABLE gone (id int PRIMARY KEY, v text);
CREATE RULE gone_no_update AS ON UPDATE TO gone DO INSTEAD NOTHING;
CREATE RULE gone_copy AS ON INSERT TO gone DO ALSO INSERT INTO keep VALUES (NEW.id);
COMMENT ON RULE gone_no_update ON gone IS 'frozen';
