CREATE TABLE slots (k int, EXCLUDE (k WITH =));
