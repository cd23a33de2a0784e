-- Someone else owns the access method: the table moves onto it, the access method itself
-- is never planned.
-- schemadiff:external
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE items (id int PRIMARY KEY) USING heap2;
