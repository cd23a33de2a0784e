CREATE TABLE names (first text, last text);
