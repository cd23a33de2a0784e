CREATE TABLE parent (id int NOT NULL, created timestamptz NOT NULL DEFAULT now());
CREATE TABLE child (id int NOT NULL, created timestamptz NOT NULL DEFAULT now(), extra text);
