CREATE TYPE span AS RANGE (subtype = bigint);
