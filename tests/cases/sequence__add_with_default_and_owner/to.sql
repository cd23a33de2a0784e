CREATE TABLE invoices (id int NOT NULL, no bigint);
CREATE SEQUENCE invoice_no OWNED BY invoices.no;
ALTER TABLE invoices ALTER COLUMN no SET DEFAULT nextval('invoice_no');
