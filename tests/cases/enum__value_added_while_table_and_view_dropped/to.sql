CREATE TYPE mood AS ENUM ('it''s', 'in progress', 'added', 'CAPS');
