CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION bytewise (provider = libc, locale = 'C');
COMMENT ON COLLATION bytewise IS 'old';
