CREATE TABLE customers (id int NOT NULL, country text NOT NULL, name text) PARTITION BY LIST (country);
CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr');
