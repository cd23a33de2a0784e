CREATE DOMAIN posint AS int CONSTRAINT posint_check CHECK (VALUE > 0);
COMMENT ON CONSTRAINT posint_check ON DOMAIN posint IS 'why: counts';
