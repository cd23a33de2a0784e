CREATE TABLE audit (at timestamptz DEFAULT now(), msg text);
CREATE PROCEDURE log_msg(m text) LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$ INSERT INTO audit (msg) VALUES (m) $$;
