CREATE TABLE sale (id int PRIMARY KEY, region text, store text, product text);
CREATE STATISTICS sale_st (ndistinct) ON region, store FROM sale;
COMMENT ON STATISTICS sale_st IS 'where';
