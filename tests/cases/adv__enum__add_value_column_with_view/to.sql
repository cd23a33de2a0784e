CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE diary (id int PRIMARY KEY, m mood);
CREATE VIEW diary_v AS SELECT id, m FROM diary;
