CREATE FUNCTION score(v bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT v * 10 $$;
CREATE FUNCTION noop_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE players (
  id int PRIMARY KEY,
  lvl int NOT NULL DEFAULT score(1),
  pts bigint GENERATED ALWAYS AS (score(lvl)) STORED,
  CONSTRAINT players_lvl_check CHECK (score(lvl) < 100000)
);
CREATE INDEX players_score_idx ON players (score(lvl));
CREATE TRIGGER players_high BEFORE UPDATE ON players FOR EACH ROW WHEN (score(NEW.lvl) > 50) EXECUTE FUNCTION noop_trg();
