CREATE TABLE parent (id int NOT NULL, created timestamptz NOT NULL DEFAULT now(), note text);
CREATE TABLE child (extra text) INHERITS (parent);
