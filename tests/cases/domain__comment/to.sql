CREATE DOMAIN posint AS int;
COMMENT ON DOMAIN posint IS 'strictly positive';
