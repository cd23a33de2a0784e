CREATE TABLE v (id int PRIMARY KEY, x double precision);
