CREATE DOMAIN posint AS int CONSTRAINT posint_positive CHECK (VALUE > 0);
