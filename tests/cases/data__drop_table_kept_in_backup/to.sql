CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE keepers (id integer PRIMARY KEY, player_id integer);
