CREATE TABLE item (id int PRIMARY KEY, a int, c int);
CREATE STATISTICS item_ac ON a, c FROM item;
