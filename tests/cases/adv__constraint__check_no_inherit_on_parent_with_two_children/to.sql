CREATE TABLE base (id int NOT NULL, v int, CONSTRAINT base_empty CHECK (false) NO INHERIT, CONSTRAINT base_v_check CHECK (v > 0));
CREATE TABLE kid1 (extra text) INHERITS (base);
CREATE TABLE kid2 () INHERITS (base);
