CREATE TABLE z_members (name text);
CREATE TABLE a (id int PRIMARY KEY, owner text);
ALTER TABLE a ENABLE ROW LEVEL SECURITY;
CREATE POLICY a_p ON a USING (owner IN (SELECT name FROM z_members));
