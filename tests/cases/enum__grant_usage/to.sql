CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
GRANT USAGE ON TYPE mood TO schemadiff_reader;
