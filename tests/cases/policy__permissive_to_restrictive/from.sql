CREATE TABLE notes (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, shared boolean NOT NULL DEFAULT false);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_notes ON notes USING (owner = current_user);
