CREATE TABLE sales (id bigint NOT NULL, region text NOT NULL, amount numeric(12,2)) PARTITION BY LIST (region);
CREATE TABLE sales_north PARTITION OF sales FOR VALUES IN ('north');
ALTER TABLE sales_north ALTER COLUMN amount SET DEFAULT 0;
