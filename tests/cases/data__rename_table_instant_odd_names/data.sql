INSERT INTO "Sales"."Order Items" ("Qty", label) VALUES (1, 'a'), (2, 'b');
