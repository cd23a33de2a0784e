CREATE TABLE audit (at timestamptz DEFAULT now(), msg text);
