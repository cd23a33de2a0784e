CREATE TABLE sales (id bigint NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE sales_north PARTITION OF sales FOR VALUES IN ('north');
