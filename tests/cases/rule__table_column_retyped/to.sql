CREATE TABLE ledger (id int PRIMARY KEY, amount bigint NOT NULL, note text);
CREATE RULE ledger_frozen AS ON UPDATE TO ledger WHERE OLD.note = 'frozen' DO INSTEAD NOTHING;
CREATE RULE ledger_no_delete AS ON DELETE TO ledger DO INSTEAD NOTHING;
