CREATE TABLE teams (id bigint PRIMARY KEY, captain_id bigint);
CREATE TABLE players (id bigint PRIMARY KEY, team_id bigint REFERENCES teams);
ALTER TABLE teams ADD CONSTRAINT teams_captain_fkey FOREIGN KEY (captain_id) REFERENCES players DEFERRABLE INITIALLY DEFERRED;
