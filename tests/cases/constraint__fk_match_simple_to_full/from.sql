CREATE TABLE authors (id int PRIMARY KEY, code text UNIQUE, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int, author_code text, title text);
CREATE UNIQUE INDEX authors_id_code ON authors (id, code);
ALTER TABLE books ADD CONSTRAINT books_author_fk FOREIGN KEY (author_id, author_code) REFERENCES authors (id, code);
