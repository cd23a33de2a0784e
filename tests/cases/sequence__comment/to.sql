CREATE SEQUENCE order_no;
COMMENT ON SEQUENCE order_no IS 'human order numbers';
