CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id integer PRIMARY KEY, amount numeric NOT NULL);
CREATE FUNCTION billing.total() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT sum(amount) FROM billing.invoices $$;
