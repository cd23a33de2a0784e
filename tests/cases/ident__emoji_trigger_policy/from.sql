CREATE TABLE "📦boxes" (id int PRIMARY KEY, w int);
CREATE FUNCTION "🔔notify"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
