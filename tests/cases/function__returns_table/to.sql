CREATE FUNCTION pairs(n int) RETURNS TABLE (a int, b int) LANGUAGE sql STABLE AS $$ SELECT g, g * g FROM generate_series(1, n) g $$;
