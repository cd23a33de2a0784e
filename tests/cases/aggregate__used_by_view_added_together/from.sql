CREATE TABLE orders (customer int, amount int);
