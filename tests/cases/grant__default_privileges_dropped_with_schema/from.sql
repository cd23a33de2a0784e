CREATE SCHEMA "Sales Dept";
ALTER DEFAULT PRIVILEGES IN SCHEMA "Sales Dept" GRANT SELECT ON TABLES TO schemadiff_writer;
CREATE TABLE "Sales Dept".orders (id integer PRIMARY KEY);
