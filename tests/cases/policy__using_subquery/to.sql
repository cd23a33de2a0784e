CREATE TABLE notes (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, shared boolean NOT NULL DEFAULT false);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE TABLE admins (name name PRIMARY KEY);
CREATE POLICY admin_all ON notes USING (EXISTS (SELECT 1 FROM admins a WHERE a.name = current_user));
