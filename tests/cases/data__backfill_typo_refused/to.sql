CREATE TABLE acct (
  id integer PRIMARY KEY,
  balance integer NOT NULL,
  -- schemadiff:backfill using="balanse * 2"
  doubled integer NOT NULL
);
