CREATE TABLE public."order" (
    id bigint NOT NULL,
    region text NOT NULL,
    amount numeric(12,2)
) PARTITION BY LIST (region);
CREATE INDEX idx_60 ON public."order" (amount);
