CREATE FUNCTION norm(t varchar) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE TABLE codes (id int PRIMARY KEY, code text NOT NULL DEFAULT norm('NEW'), CONSTRAINT codes_code_check CHECK (norm(code) <> ''));
CREATE INDEX codes_norm_idx ON codes (norm(code));
ALTER TABLE codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY codes_visible ON codes USING (norm(code) <> 'hidden');
