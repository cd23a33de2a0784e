CREATE TABLE item (id int PRIMARY KEY, name text);
CREATE TABLE item_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item_id int, op text, at timestamptz DEFAULT now());
CREATE FUNCTION item_note(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'item ' || $1 $$;
CREATE RULE item_log_ins AS ON INSERT TO item DO ALSO INSERT INTO item_log (item_id, op) VALUES (NEW.id, item_note(NEW.name));
CREATE RULE item_log_del AS ON DELETE TO item DO ALSO INSERT INTO item_log (item_id, op) VALUES (OLD.id, 'delete');
