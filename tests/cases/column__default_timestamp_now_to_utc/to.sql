CREATE TABLE cfg (id int PRIMARY KEY, at timestamp DEFAULT (now() AT TIME ZONE 'utc'));
