CREATE TABLE authors (id int PRIMARY KEY, code text UNIQUE, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int DEFAULT 1 REFERENCES authors ON DELETE SET DEFAULT, author_code text, title text);
