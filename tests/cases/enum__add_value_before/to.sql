CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok', 'happy');
