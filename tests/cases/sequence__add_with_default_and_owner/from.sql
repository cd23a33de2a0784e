CREATE TABLE invoices (id int NOT NULL, no bigint);
