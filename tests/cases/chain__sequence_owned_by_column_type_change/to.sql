CREATE SEQUENCE tickets_id_seq AS bigint;
CREATE TABLE tickets (id bigint NOT NULL DEFAULT nextval('tickets_id_seq'), title text);
ALTER SEQUENCE tickets_id_seq OWNED BY tickets.id;
