CREATE TABLE short (id int);
