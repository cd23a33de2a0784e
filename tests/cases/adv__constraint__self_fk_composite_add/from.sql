CREATE TABLE emp (org int NOT NULL, id int NOT NULL, boss int, PRIMARY KEY (org, id));
