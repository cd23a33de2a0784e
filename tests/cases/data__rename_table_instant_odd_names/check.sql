SELECT count(*) = 2 FROM "Sales"."Line Items";
SELECT to_regclass('"Sales"."Order Items"') IS NULL;
