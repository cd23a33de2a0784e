CREATE FUNCTION rows_est() RETURNS SETOF int LANGUAGE sql STABLE ROWS 5 AS $$ SELECT generate_series(1, 5) $$;
