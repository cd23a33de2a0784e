CREATE TABLE pair (a int, b text);
