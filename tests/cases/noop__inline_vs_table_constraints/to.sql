CREATE TABLE p (id int, email text, age int, CONSTRAINT p_pkey PRIMARY KEY (id), CONSTRAINT p_email_key UNIQUE (email), CONSTRAINT p_age_check CHECK (age > 0));
CREATE TABLE c (id int, p_id int);
ALTER TABLE c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES p (id);
