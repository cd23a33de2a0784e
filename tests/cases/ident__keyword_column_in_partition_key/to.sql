CREATE TABLE "window" ("range" int NOT NULL, "limit" text) PARTITION BY RANGE ("range");
CREATE TABLE "window_0" PARTITION OF "window" FOR VALUES FROM (0) TO (100);
