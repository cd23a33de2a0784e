CREATE SEQUENCE order_no;
GRANT UPDATE ON SEQUENCE order_no TO schemadiff_writer;
