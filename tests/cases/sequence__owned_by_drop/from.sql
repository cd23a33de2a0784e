CREATE TABLE invoices (id int NOT NULL, no bigint);
CREATE SEQUENCE invoice_no;
ALTER SEQUENCE invoice_no OWNED BY invoices.no;
