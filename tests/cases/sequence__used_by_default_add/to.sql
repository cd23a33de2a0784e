CREATE TABLE invoices (id int NOT NULL, no bigint);
CREATE SEQUENCE invoice_no;
ALTER TABLE invoices ALTER COLUMN no SET DEFAULT nextval('invoice_no');
