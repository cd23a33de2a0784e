CREATE TABLE customers (id int GENERATED ALWAYS AS IDENTITY, name text);
CREATE TABLE vip_customers (level int) INHERITS (customers);
