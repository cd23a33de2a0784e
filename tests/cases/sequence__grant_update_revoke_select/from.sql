CREATE SEQUENCE order_no;
GRANT SELECT ON SEQUENCE order_no TO schemadiff_reader;
