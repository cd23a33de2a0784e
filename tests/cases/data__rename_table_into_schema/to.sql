CREATE SCHEMA legacy;
CREATE SCHEMA app;
-- schemadiff:renamed from=legacy.users
CREATE TABLE app.accounts (id serial PRIMARY KEY, login text NOT NULL UNIQUE);
CREATE TABLE app.sessions (id integer PRIMARY KEY, user_id integer REFERENCES app.accounts (id));
