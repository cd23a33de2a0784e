CREATE TABLE audit (at timestamptz DEFAULT now(), msg text);
CREATE PROCEDURE log_msg(m text) LANGUAGE sql AS $$ INSERT INTO audit (msg) VALUES (m) $$;
