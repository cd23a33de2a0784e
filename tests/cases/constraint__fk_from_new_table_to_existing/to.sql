CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int CONSTRAINT books_author_fk REFERENCES authors ON DELETE CASCADE, title text);
