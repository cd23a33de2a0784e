CREATE TABLE doc (id int PRIMARY KEY, owner text, lvl bigint);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
ALTER TABLE doc FORCE ROW LEVEL SECURITY;
CREATE POLICY doc_read ON doc AS RESTRICTIVE FOR SELECT TO schemadiff_reader, schemadiff_writer USING (owner = current_user AND lvl < 5);
CREATE POLICY doc_write ON doc FOR UPDATE TO schemadiff_writer USING (owner = current_user) WITH CHECK (lvl < 10);
