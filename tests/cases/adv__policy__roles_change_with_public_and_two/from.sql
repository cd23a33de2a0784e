CREATE TABLE doc (id int PRIMARY KEY);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON doc TO schemadiff_reader, schemadiff_writer USING (id > 0);
