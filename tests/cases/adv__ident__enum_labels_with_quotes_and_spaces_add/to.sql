CREATE TYPE label AS ENUM ('it''s', '', 'a b', ' lead', 'a"b', 'a\b');
CREATE TABLE lab (l label DEFAULT 'a"b');
