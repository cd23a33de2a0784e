CREATE TABLE acct (id int PRIMARY KEY, balance int);
CREATE VIEW acct_v AS SELECT id, balance FROM acct;
CREATE RULE acct_v_ins AS ON INSERT TO acct_v DO INSTEAD INSERT INTO acct VALUES (NEW.id, NEW.balance);
CREATE RULE acct_v_del AS ON DELETE TO acct_v DO INSTEAD DELETE FROM acct WHERE id = OLD.id;
COMMENT ON RULE acct_v_ins ON acct_v IS 'writes through';
