CREATE SEQUENCE order_no;
GRANT USAGE, SELECT ON SEQUENCE order_no TO schemadiff_writer;
