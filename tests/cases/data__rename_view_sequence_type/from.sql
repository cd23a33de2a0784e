CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE SEQUENCE ticket_numbers START 100;
CREATE TABLE tickets (
    id integer PRIMARY KEY DEFAULT nextval('ticket_numbers'),
    feeling mood NOT NULL DEFAULT 'ok',
    title text
);
CREATE VIEW open_tickets AS SELECT id, feeling, title FROM tickets WHERE title IS NOT NULL;
CREATE VIEW happy_tickets AS SELECT id, title FROM open_tickets WHERE feeling = 'happy';
GRANT SELECT, INSERT ON open_tickets TO schemadiff_reader;
