CREATE TABLE events (
  id bigint PRIMARY KEY,
  kind text NOT NULL,
  token uuid NOT NULL DEFAULT gen_random_uuid()
);
