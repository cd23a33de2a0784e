CREATE TYPE mood AS ENUM ('sad', 'ok', 'meh');
CREATE DOMAIN mood_d AS mood NOT NULL DEFAULT 'ok';
CREATE TYPE feeling AS (m mood, why text);
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql IMMUTABLE AS $$ SELECT 'ok'::mood $$;
CREATE TABLE diary (id int PRIMARY KEY, moods mood[] NOT NULL DEFAULT '{}', today mood_d, f feeling);
