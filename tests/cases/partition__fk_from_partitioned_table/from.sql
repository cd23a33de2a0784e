CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int, customer_id int, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
