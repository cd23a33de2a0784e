CREATE TABLE "User Accounts" (
  id bigint PRIMARY KEY,
  -- schemadiff:renamed from="E-mail"
  "Email Address" text NOT NULL DEFAULT 'none',
  note text
);
CREATE INDEX user_accounts_email ON "User Accounts" ("Email Address");
