CREATE TYPE "😀mood" AS ENUM ('😀', '😢');
CREATE TABLE feelings (id int PRIMARY KEY, m "😀mood");
