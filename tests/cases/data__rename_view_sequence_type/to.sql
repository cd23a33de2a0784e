-- schemadiff:renamed from=mood
CREATE TYPE feeling AS ENUM ('sad', 'ok', 'happy');
-- schemadiff:renamed from=ticket_numbers
CREATE SEQUENCE ticket_ids START 100;
CREATE TABLE tickets (
    id integer PRIMARY KEY DEFAULT nextval('ticket_ids'),
    feeling feeling NOT NULL DEFAULT 'ok',
    title text
);
-- schemadiff:renamed from=open_tickets
CREATE VIEW active_tickets AS SELECT id, feeling, title FROM tickets WHERE title IS NOT NULL;
CREATE VIEW happy_tickets AS SELECT id, title FROM active_tickets WHERE feeling = 'happy';
GRANT SELECT, INSERT ON active_tickets TO schemadiff_reader;
