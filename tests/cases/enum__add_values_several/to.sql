CREATE TYPE mood AS ENUM ('awful', 'sad', 'ok', 'good', 'happy', 'ecstatic');
