-- schemadiff:renamed from=billing
CREATE SCHEMA finance;
CREATE TABLE finance.invoices (id integer PRIMARY KEY, amount numeric NOT NULL);
CREATE FUNCTION finance.total() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT sum(amount) FROM finance.invoices $$;
