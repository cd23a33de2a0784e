CREATE TABLE p (id integer NOT NULL, code text NOT NULL, CONSTRAINT p_pkey PRIMARY KEY (id), CONSTRAINT p_code_key UNIQUE (code));
CREATE TABLE c (p_id integer REFERENCES p (id), code text REFERENCES p (code));
