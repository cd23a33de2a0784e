CREATE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN format('hello, %s!', who);
END
$$;
