CREATE TABLE "📦boxes" (id int PRIMARY KEY, w int);
