CREATE TABLE notes (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, shared boolean NOT NULL DEFAULT false);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY ins ON notes FOR INSERT WITH CHECK (owner = current_user AND NOT shared);
