CREATE TABLE tickets (title text);
