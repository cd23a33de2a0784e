CREATE UNLOGGED TABLE cache (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n serial, k text NOT NULL UNIQUE, v jsonb);
CREATE INDEX cache_v_idx ON cache USING gin (v);
CREATE INDEX cache_k_lower_idx ON cache (lower(k)) WHERE v IS NOT NULL;
