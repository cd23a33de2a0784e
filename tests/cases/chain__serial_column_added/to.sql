CREATE TABLE tickets (title text, id bigserial);
