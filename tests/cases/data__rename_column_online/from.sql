CREATE TABLE "User Accounts" (
  id bigint PRIMARY KEY,
  "E-mail" text NOT NULL DEFAULT 'none',
  note text
);
CREATE INDEX user_accounts_email ON "User Accounts" ("E-mail");
