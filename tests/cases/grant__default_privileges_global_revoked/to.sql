CREATE TABLE t (id integer);
-- Take away what PostgreSQL grants by default: functions PUBLIC may execute, the owner's
-- own DELETE on its tables, types PUBLIC may use.
ALTER DEFAULT PRIVILEGES FOR ROLE schemadiff_writer REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE schemadiff_writer REVOKE DELETE ON TABLES FROM schemadiff_writer;
ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO schemadiff_reader;
