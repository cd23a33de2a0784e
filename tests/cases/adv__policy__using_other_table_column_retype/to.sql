CREATE TABLE members (team bigint, who text);
CREATE TABLE doc (id int PRIMARY KEY, team int);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY doc_team ON doc USING (team IN (SELECT m.team FROM members m WHERE m.who = current_user));
