CREATE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN 'hello ' || who;
END
$$;
