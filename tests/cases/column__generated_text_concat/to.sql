CREATE TABLE names (first text, last text, full_name text GENERATED ALWAYS AS (coalesce(first, '') || ' ' || coalesce(last, '')) STORED);
