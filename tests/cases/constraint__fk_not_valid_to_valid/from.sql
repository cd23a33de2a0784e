CREATE TABLE authors (id int PRIMARY KEY, code text UNIQUE, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int, author_code text, title text);
ALTER TABLE books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors NOT VALID;
