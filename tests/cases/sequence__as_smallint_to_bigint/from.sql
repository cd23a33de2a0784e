CREATE SEQUENCE order_no AS smallint;
