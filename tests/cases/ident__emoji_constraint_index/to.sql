CREATE TABLE "📦boxes" (id int PRIMARY KEY, w int, CONSTRAINT "✅ positive" CHECK (w > 0));
CREATE INDEX "🔎 by w" ON "📦boxes" (w DESC);
