CREATE TABLE cfg (id int PRIMARY KEY, v text DEFAULT 'it''s b');
