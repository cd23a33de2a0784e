COMMENT ON SCHEMA public IS 'the default schema';
