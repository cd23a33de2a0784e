CREATE TABLE m (id int, v text, at date NOT NULL) PARTITION BY RANGE (at);
