CREATE TABLE t$1 (c$ int, "1st" int);
CREATE INDEX "2nd_idx" ON t$1 ("1st");
