CREATE UNLOGGED TABLE parent (id int PRIMARY KEY);
CREATE UNLOGGED TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
