INSERT INTO "Ünïcødé"."ünïcode" VALUES ('done'), ('CAPS');
