CREATE TABLE invoices (id int NOT NULL, no bigint);
CREATE SEQUENCE invoice_no;
