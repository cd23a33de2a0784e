CREATE SCHEMA "Ünïcødé";
CREATE TABLE "Ünïcødé".orders (
    id bigint NOT NULL,
    bucket integer NOT NULL,
    amount numeric(12,2)
) PARTITION BY HASH (bucket);
CREATE TABLE public."user" PARTITION OF "Ünïcødé".orders FOR VALUES WITH (MODULUS 1, REMAINDER 0);
ALTER TABLE public."user" ALTER COLUMN amount SET DEFAULT 0;
