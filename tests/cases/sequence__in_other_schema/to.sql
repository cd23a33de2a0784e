CREATE SCHEMA billing;
CREATE SEQUENCE billing.invoice_no START 500;
