INSERT INTO a.items (name) VALUES ('one'), ('two');
INSERT INTO b.items (name) VALUES ('three');
