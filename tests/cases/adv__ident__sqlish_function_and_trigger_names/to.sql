CREATE TABLE "t$$" (id int);
CREATE FUNCTION "f$$x"("$$" int, "it's" text DEFAULT 'it''s') RETURNS int LANGUAGE sql IMMUTABLE AS $q$ SELECT $1 $q$;
CREATE FUNCTION "trg;fn"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER "on insert; --" BEFORE INSERT ON "t$$" FOR EACH ROW EXECUTE FUNCTION "trg;fn"();
ALTER TABLE "t$$" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "it's mine" ON "t$$" TO schemadiff_reader, schemadiff_writer USING ("f$$x"(id) > 0);
