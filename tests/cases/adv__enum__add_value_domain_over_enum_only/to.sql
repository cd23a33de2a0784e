CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN mood_d AS mood;
