CREATE TABLE items (id int PRIMARY KEY, label text);
COMMENT ON TABLE items IS 'old';
