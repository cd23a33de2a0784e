CREATE TYPE span AS RANGE (subtype = integer);
