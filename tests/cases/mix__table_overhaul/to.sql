CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL, created timestamptz NOT NULL DEFAULT now(), active boolean NOT NULL DEFAULT true, locale text COLLATE "C" DEFAULT 'en', CONSTRAINT users_email_key UNIQUE (email));
CREATE INDEX users_created_idx ON users (created DESC) WHERE active;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_self ON users FOR SELECT TO schemadiff_reader USING (active);
COMMENT ON COLUMN users.locale IS 'BCP 47';
