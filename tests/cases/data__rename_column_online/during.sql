-- Old code writes the old name, new code the new one: both land in both columns.
INSERT INTO "User Accounts" (id, "E-mail") VALUES (1001, 'old@x');
INSERT INTO "User Accounts" (id, "Email Address") VALUES (1002, 'new@x');
INSERT INTO "User Accounts" (id) VALUES (1003);
UPDATE "User Accounts" SET "E-mail" = 'old-updated@x' WHERE id = 5;
UPDATE "User Accounts" SET "Email Address" = 'new-updated@x' WHERE id = 6;
DO $$
BEGIN
  IF (SELECT "Email Address" FROM "User Accounts" WHERE id = 1001) IS DISTINCT FROM 'old@x'
     OR (SELECT "E-mail" FROM "User Accounts" WHERE id = 1002) IS DISTINCT FROM 'new@x'
     OR (SELECT "Email Address" FROM "User Accounts" WHERE id = 1003) IS DISTINCT FROM 'none'
     OR (SELECT "Email Address" FROM "User Accounts" WHERE id = 5) IS DISTINCT FROM 'old-updated@x'
     OR (SELECT "E-mail" FROM "User Accounts" WHERE id = 6) IS DISTINCT FROM 'new-updated@x' THEN
    RAISE EXCEPTION 'old and new columns out of step';
  END IF;
END $$;
