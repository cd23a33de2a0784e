CREATE UNLOGGED TABLE scratch (id serial PRIMARY KEY, note text);
