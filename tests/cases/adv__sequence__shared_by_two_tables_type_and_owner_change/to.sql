CREATE SEQUENCE global_id AS bigint;
CREATE TABLE t1 (id bigint PRIMARY KEY DEFAULT nextval('global_id'));
CREATE TABLE t2 (id bigint PRIMARY KEY DEFAULT nextval('global_id'));
ALTER SEQUENCE global_id OWNED BY t2.id;
