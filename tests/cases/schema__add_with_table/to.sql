CREATE SCHEMA app;
CREATE TABLE app.items (id int PRIMARY KEY, label text);
