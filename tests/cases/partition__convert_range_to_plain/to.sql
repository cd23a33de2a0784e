CREATE TABLE measurements (id bigint NOT NULL, taken date NOT NULL, value int);
