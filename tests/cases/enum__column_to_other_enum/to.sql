CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE feeling AS ENUM ('sad', 'happy');
CREATE TABLE people (id int PRIMARY KEY, m feeling);
