CREATE SEQUENCE global_id;
CREATE TABLE t2 (id bigint PRIMARY KEY DEFAULT nextval('global_id'));
