CREATE TABLE parent (id int NOT NULL, created timestamptz NOT NULL DEFAULT now());
CREATE TABLE child (extra text) INHERITS (parent);
