CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION ci IS 'case-insensitive, it''s ICU';
CREATE COLLATION bytewise (provider = libc, locale = 'C');
COMMENT ON COLLATION bytewise IS 'new';
CREATE COLLATION created_with_comment (provider = libc, locale = 'C.utf8');
COMMENT ON COLLATION created_with_comment IS 'made with its comment';
