CREATE TABLE entry (id int PRIMARY KEY, amount int NOT NULL, note text);
CREATE TABLE entry_seen (id int);
CREATE RULE entry_keep AS ON DELETE TO entry DO INSTEAD NOTHING;
CREATE RULE entry_seen AS ON INSERT TO entry DO ALSO INSERT INTO entry_seen VALUES (NEW.id);
