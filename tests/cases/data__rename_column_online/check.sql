SELECT count(*) = 40 FROM "User Accounts" WHERE "Email Address" = 'u' || id || '@x';
