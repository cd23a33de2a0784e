CREATE DOMAIN posint AS int;
GRANT USAGE ON DOMAIN posint TO schemadiff_writer;
