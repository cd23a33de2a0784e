SELECT nextval('ticket_ids') = 103;
SELECT count(*) = 2 FROM active_tickets;
SELECT count(*) = 1 FROM happy_tickets;
