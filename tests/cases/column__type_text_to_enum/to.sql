CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE v (id int PRIMARY KEY, x mood);
