CREATE DOMAIN code AS varchar(10);
