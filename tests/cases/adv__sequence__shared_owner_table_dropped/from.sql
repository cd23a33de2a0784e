CREATE SEQUENCE global_id;
CREATE TABLE t1 (id bigint PRIMARY KEY DEFAULT nextval('global_id'));
CREATE TABLE t2 (id bigint PRIMARY KEY DEFAULT nextval('global_id'));
ALTER SEQUENCE global_id OWNED BY t1.id;
