CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
SET default_table_access_method = heap2;
CREATE TABLE items (id int PRIMARY KEY);
CREATE TABLE events (id int, at timestamptz);
