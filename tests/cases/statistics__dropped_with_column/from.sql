CREATE TABLE item (id int PRIMARY KEY, a int, b int, c int);
CREATE STATISTICS item_ab (dependencies) ON a, b FROM item;
CREATE STATISTICS item_ac ON a, c FROM item;
COMMENT ON STATISTICS item_ab IS 'a and b go together';
