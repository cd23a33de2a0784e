CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, body text, tags text[], meta jsonb, created timestamptz NOT NULL DEFAULT now(), score int, span int4range);
CREATE INDEX docs_score_desc_idx ON docs (score DESC NULLS FIRST, id);
