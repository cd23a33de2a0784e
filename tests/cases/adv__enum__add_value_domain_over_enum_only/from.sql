CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE DOMAIN mood_d AS mood;
