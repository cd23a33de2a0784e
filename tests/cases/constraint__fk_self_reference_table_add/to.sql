CREATE TABLE employees (id int PRIMARY KEY, manager_id int REFERENCES employees (id), name text);
