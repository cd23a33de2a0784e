CREATE FUNCTION noop_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE w (id int PRIMARY KEY, legacy int, keepme text, CONSTRAINT w_legacy_check CHECK (legacy > 0));
CREATE INDEX w_legacy_idx ON w ((legacy + 1));
CREATE VIEW w_v AS SELECT id, keepme, legacy FROM w;
ALTER TABLE w ENABLE ROW LEVEL SECURITY;
CREATE POLICY w_pol ON w USING (legacy IS NOT NULL);
CREATE TRIGGER w_trg BEFORE UPDATE ON w FOR EACH ROW WHEN (NEW.legacy > 5) EXECUTE FUNCTION noop_trg();
