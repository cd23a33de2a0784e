SELECT count(*) = 40 AND sum(id) = 820 AND sum(points) = 820 FROM accounts;
SELECT format_type(atttypid, atttypmod) = 'bigint' FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'id';
SELECT convalidated FROM pg_constraint WHERE conname = 'txns_account_id_fkey';
SELECT nextval('accounts_id_seq') > 40;
