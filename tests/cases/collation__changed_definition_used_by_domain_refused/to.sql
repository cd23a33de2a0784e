CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
CREATE DOMAIN ci_text AS text COLLATE ci;
