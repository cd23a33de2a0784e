CREATE SCHEMA "Sales";
CREATE TABLE "Sales"."Orders" ("OrderNo" bigint NOT NULL);
CREATE SEQUENCE "Sales"."Order_Seq" OWNED BY "Sales"."Orders"."OrderNo";
ALTER TABLE "Sales"."Orders" ALTER COLUMN "OrderNo" SET DEFAULT nextval('"Sales"."Order_Seq"');
