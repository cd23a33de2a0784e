SELECT biggest = 9 FROM customer_max WHERE customer = 1;
