INSERT INTO "Sales Dept"."audit log" ("Name", id_13) VALUES ('a', 'done'), ('b', DEFAULT);
