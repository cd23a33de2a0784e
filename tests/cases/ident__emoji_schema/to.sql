CREATE SCHEMA "🚀app";
CREATE TABLE "🚀app".launches (id int PRIMARY KEY);
GRANT USAGE ON SCHEMA "🚀app" TO schemadiff_reader;
