CREATE TABLE g (id int PRIMARY KEY, a varchar(5));
GRANT SELECT (a), UPDATE (a) ON g TO schemadiff_reader WITH GRANT OPTION;
