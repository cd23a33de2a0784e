CREATE TYPE mood AS ENUM ('it''s', 'in progress', 'CAPS');
CREATE TABLE entries (id bigint NOT NULL, tags mood DEFAULT 'it''s'::mood, label text);
CREATE VIEW entry_view AS
    SELECT id, tags, label FROM entries;
