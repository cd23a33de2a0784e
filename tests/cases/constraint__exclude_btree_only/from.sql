CREATE TABLE slots (k int);
