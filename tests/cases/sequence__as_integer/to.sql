CREATE SEQUENCE order_no AS integer;
