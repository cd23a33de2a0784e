INSERT INTO legacy.users (login) VALUES ('ann'), ('bob');
INSERT INTO app.sessions VALUES (1, 1);
