CREATE TABLE public."order" (
    id bigint NOT NULL,
    region text NOT NULL
) PARTITION BY LIST (region);
CREATE TABLE public."new part" PARTITION OF public."order" FOR VALUES IN ('new 3');
