INSERT INTO "User Accounts" SELECT g, 'u' || g || '@x', 'n' || g FROM generate_series(1, 40) g;
