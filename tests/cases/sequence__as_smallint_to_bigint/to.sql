CREATE SEQUENCE order_no AS bigint;
