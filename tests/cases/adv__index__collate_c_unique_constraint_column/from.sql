CREATE TABLE codes (code varchar(20) COLLATE "C" NOT NULL);
