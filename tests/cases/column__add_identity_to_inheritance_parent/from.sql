CREATE TABLE customers (name text);
CREATE TABLE vip_customers (level int) INHERITS (customers);
