SELECT p = 6 FROM products WHERE g = 1;
