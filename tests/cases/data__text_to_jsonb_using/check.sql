SELECT count(*) = 20 FROM settings WHERE (body->>'k')::int = id;
