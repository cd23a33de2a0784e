SELECT count(*) = 200 FROM measurements WHERE scaled = value * 10;
