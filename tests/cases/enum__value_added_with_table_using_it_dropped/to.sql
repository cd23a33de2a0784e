CREATE SCHEMA billing;
CREATE TYPE billing."Kind_2" AS ENUM ('done', 'in progress', 'it''s new', 'Ünï', 'it''s');
