CREATE TABLE words (w varchar(20));
