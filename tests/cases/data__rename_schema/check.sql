SELECT count(*) = 2 FROM finance.invoices;
