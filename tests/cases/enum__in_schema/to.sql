CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'done');
