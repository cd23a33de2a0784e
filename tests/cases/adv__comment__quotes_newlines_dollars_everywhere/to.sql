CREATE TABLE c (id int PRIMARY KEY, v int CONSTRAINT c_v_check CHECK (v > 0));
CREATE INDEX c_v_idx ON c (v);
CREATE VIEW c_view AS SELECT id, v FROM c;
CREATE FUNCTION c_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER c_trg BEFORE INSERT ON c FOR EACH ROW EXECUTE FUNCTION c_fn();
CREATE POLICY c_pol ON c USING (true);
CREATE TYPE c_enum AS ENUM ('x');
CREATE SEQUENCE c_seq;
COMMENT ON TABLE c IS 'it''s a "table"
second line; -- not a comment
$$ dollar $$ and $x$ tagged $x$';
COMMENT ON COLUMN c.v IS E'tab\there\\backslash';
COMMENT ON CONSTRAINT c_v_check ON c IS '$1 ; DROP TABLE c; --';
COMMENT ON INDEX c_v_idx IS '/* not closed';
COMMENT ON VIEW c_view IS '''';
COMMENT ON COLUMN c_view.v IS 'view col''s';
COMMENT ON FUNCTION c_fn() IS '$$';
COMMENT ON TRIGGER c_trg ON c IS 'trig
ger';
COMMENT ON POLICY c_pol ON c IS 'pol''icy';
COMMENT ON TYPE c_enum IS 'E''x''';
COMMENT ON SEQUENCE c_seq IS '\';
