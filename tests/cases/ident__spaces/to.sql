CREATE TABLE "order items" ("item id" int PRIMARY KEY, "unit price" numeric(8,2) DEFAULT 0);
CREATE INDEX "order items by price" ON "order items" ("unit price");
