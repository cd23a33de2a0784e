CREATE TABLE "📦boxes" (id int PRIMARY KEY, w int);
CREATE FUNCTION "🔔notify"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER "🔔 on insert" BEFORE INSERT ON "📦boxes" FOR EACH ROW EXECUTE FUNCTION "🔔notify"();
ALTER TABLE "📦boxes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "🛡️ small only" ON "📦boxes" TO schemadiff_reader USING (w < 10);
