CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE items (id int PRIMARY KEY) USING heap2;
CREATE TABLE logs (id int) USING heap2;
CREATE TABLE kept (id int);
