CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE DOMAIN good_mood AS mood CHECK (VALUE <> 'sad');
