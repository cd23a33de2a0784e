CREATE SEQUENCE tickets_id_seq AS integer;
CREATE TABLE tickets (id integer NOT NULL DEFAULT nextval('tickets_id_seq'), title text);
ALTER SEQUENCE tickets_id_seq OWNED BY tickets.id;
