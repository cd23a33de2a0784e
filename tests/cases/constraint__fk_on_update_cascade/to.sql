CREATE TABLE authors (id int PRIMARY KEY, code text UNIQUE, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors ON UPDATE CASCADE ON DELETE NO ACTION, author_code text, title text);
