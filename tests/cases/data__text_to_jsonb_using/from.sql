CREATE TABLE settings (
  id integer PRIMARY KEY,
  body text NOT NULL
);
CREATE INDEX settings_body ON settings (body);
