-- schemadiff:renamed from=crm
CREATE SCHEMA contacts;
-- schemadiff:renamed from=people
CREATE TABLE contacts.persons (id serial PRIMARY KEY, full_name text NOT NULL);
CREATE TABLE contacts.notes (id integer PRIMARY KEY, person_id integer REFERENCES contacts.persons (id), body text);
