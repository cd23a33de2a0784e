CREATE TABLE "📦boxes" (id int PRIMARY KEY, "🏷️ label" text, "size 📏" int NOT NULL DEFAULT 1);
