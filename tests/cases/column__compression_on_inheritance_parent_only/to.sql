CREATE TABLE parent (id integer PRIMARY KEY, body text);
ALTER TABLE parent ALTER COLUMN body SET COMPRESSION lz4;
ALTER TABLE parent ALTER COLUMN body SET STORAGE EXTERNAL;
-- Made after the parent's settings, so CREATE TABLE copies both to the child; of the two
-- statements, only SET STORAGE would reach a child that existed already.
CREATE TABLE child (extra text) INHERITS (parent);
