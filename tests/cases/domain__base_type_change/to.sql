CREATE DOMAIN code AS varchar(20);
