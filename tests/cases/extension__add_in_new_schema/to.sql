CREATE SCHEMA extensions;
CREATE EXTENSION ltree SCHEMA extensions;
