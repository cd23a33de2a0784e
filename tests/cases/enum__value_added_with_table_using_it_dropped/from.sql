CREATE SCHEMA billing;
CREATE TYPE billing."Kind_2" AS ENUM ('done', 'in progress', 'Ünï', 'it''s');
CREATE TABLE billing.accounts (
    "CamelCol" billing."Kind_2" DEFAULT 'done'::billing."Kind_2"
);
