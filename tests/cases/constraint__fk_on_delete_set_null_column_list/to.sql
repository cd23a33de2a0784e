CREATE TABLE authors (id int PRIMARY KEY, code text UNIQUE, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int, author_code text, title text);
ALTER TABLE authors ADD CONSTRAINT authors_id_code_key UNIQUE (id, code);
ALTER TABLE books ADD CONSTRAINT books_author_fkey FOREIGN KEY (author_id, author_code) REFERENCES authors (id, code) ON DELETE SET NULL (author_id);
