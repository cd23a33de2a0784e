CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TABLE booking (id integer PRIMARY KEY, score floatrange);
CREATE TABLE booking_log (at floatrange, many floatmultirange);
CREATE INDEX booking_log_at_idx ON booking_log USING gist (at);
