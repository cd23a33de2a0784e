CREATE SCHEMA "Sales Dept";
CREATE SCHEMA billing;
CREATE TYPE billing.mood AS ENUM ('Ünï', 'done');
CREATE TABLE "Sales Dept"."audit log" (
    id integer GENERATED ALWAYS AS IDENTITY NOT NULL,
    "Name" text NOT NULL,
    id_13 billing.mood DEFAULT 'Ünï'::billing.mood
);
CREATE VIEW public.report AS
    SELECT id, "Name", id_13 FROM "Sales Dept"."audit log";
CREATE VIEW "Sales Dept"."Summary" AS
    SELECT id, "Name" FROM public.report;
