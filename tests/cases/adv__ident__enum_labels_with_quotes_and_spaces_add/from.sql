CREATE TYPE label AS ENUM ('it''s', 'a b');
CREATE TABLE lab (l label DEFAULT 'it''s');
