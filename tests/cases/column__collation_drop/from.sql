CREATE TABLE words (w varchar(20) COLLATE "C");
