CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE "Odd Name" ("Id" int PRIMARY KEY);
CREATE PUBLICATION feed FOR TABLE orders, "Odd Name" WITH (publish = 'truncate');
