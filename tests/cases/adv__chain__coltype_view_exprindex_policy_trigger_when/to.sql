CREATE FUNCTION audit_amount() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE orders (id int PRIMARY KEY, amount bigint NOT NULL, note text, CONSTRAINT orders_amount_check CHECK (amount >= 0));
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE INDEX orders_amount2_idx ON orders ((amount * 2));
CREATE INDEX orders_amount_part_idx ON orders (id) WHERE amount > 1000;
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_pos ON orders FOR SELECT TO schemadiff_reader USING (amount > 0);
CREATE TRIGGER orders_big BEFORE UPDATE ON orders FOR EACH ROW WHEN (NEW.amount > 100) EXECUTE FUNCTION audit_amount();
