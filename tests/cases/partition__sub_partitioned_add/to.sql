CREATE TABLE customers (id int NOT NULL, country text NOT NULL, name text) PARTITION BY LIST (country);
CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr');
CREATE TABLE customers_us PARTITION OF customers FOR VALUES IN ('us') PARTITION BY HASH (id);
CREATE TABLE customers_us_0 PARTITION OF customers_us FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE customers_us_1 PARTITION OF customers_us FOR VALUES WITH (MODULUS 2, REMAINDER 1);
