CREATE TYPE mood AS ENUM ('miserable', 'sad', 'ok', 'happy');
