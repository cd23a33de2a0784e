CREATE TABLE parent (id integer PRIMARY KEY, body text);
CREATE TABLE child (extra text) INHERITS (parent);
