CREATE SCHEMA crm;
CREATE TABLE crm.people (id serial PRIMARY KEY, full_name text NOT NULL);
CREATE TABLE crm.notes (id integer PRIMARY KEY, person_id integer REFERENCES crm.people (id), body text);
