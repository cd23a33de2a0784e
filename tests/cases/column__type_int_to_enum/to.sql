CREATE TYPE level AS ENUM ('1', '2', '3');
CREATE TABLE v (id int PRIMARY KEY, x level);
