CREATE TABLE counter (n bigint);
