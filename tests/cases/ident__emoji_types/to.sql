CREATE TYPE "😀mood" AS ENUM ('😀', '😢', 'it''s ok', 'with space');
CREATE DOMAIN "🔢count" AS int CHECK (VALUE >= 0);
CREATE TYPE "📍point" AS ("🅧" float8, "🅨" float8);
