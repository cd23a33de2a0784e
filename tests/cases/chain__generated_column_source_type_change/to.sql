CREATE TABLE r (id int PRIMARY KEY, w bigint NOT NULL, double_w bigint GENERATED ALWAYS AS (w * 2) STORED);
