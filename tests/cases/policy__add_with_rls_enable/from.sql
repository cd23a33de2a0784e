CREATE TABLE notes (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text, shared boolean NOT NULL DEFAULT false);
