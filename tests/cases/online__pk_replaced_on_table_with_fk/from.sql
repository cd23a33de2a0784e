CREATE TABLE p (id integer NOT NULL, code text NOT NULL, CONSTRAINT p_pkey PRIMARY KEY (id));
CREATE TABLE c (p_id integer REFERENCES p (id));
