CREATE DOMAIN level AS text CHECK (VALUE IN ('low', 'high'));
