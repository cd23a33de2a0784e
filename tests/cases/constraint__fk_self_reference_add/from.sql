CREATE TABLE employees (id int PRIMARY KEY, manager_id int, name text);
