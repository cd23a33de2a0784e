CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL) USING heap2;
CREATE INDEX items_name ON items (name);
