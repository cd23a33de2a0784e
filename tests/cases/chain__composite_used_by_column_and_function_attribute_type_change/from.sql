CREATE TYPE money_amt AS (currency char(3), cents int);
CREATE TABLE prices (id int PRIMARY KEY, p money_amt);
CREATE FUNCTION cents_of(m money_amt) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT (m).cents::bigint $$;
