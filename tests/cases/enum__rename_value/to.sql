CREATE TYPE mood AS ENUM ('sad', 'neutral', 'happy');
