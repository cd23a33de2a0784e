CREATE SCHEMA legacy;
CREATE SCHEMA app;
CREATE TABLE legacy.users (id serial PRIMARY KEY, login text NOT NULL UNIQUE);
CREATE TABLE app.sessions (id integer PRIMARY KEY, user_id integer REFERENCES legacy.users (id));
