CREATE TABLE emp (org int NOT NULL, id int NOT NULL, boss int, PRIMARY KEY (org, id), CONSTRAINT emp_boss_fk FOREIGN KEY (org, boss) REFERENCES emp (org, id) MATCH SIMPLE ON DELETE SET NULL (boss));
