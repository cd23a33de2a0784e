CREATE TABLE parent (id int NOT NULL, created timestamptz NOT NULL DEFAULT now());
