CREATE TABLE t (id int PRIMARY KEY, v text, locked boolean NOT NULL DEFAULT false);
CREATE RULE t_protect AS ON DELETE TO t WHERE OLD.locked OR OLD.v = 'keep' DO INSTEAD NOTHING;
COMMENT ON RULE t_protect ON t IS 'locked and kept rows stay';
