CREATE TABLE Items (ID int);
