-- The dropped values wait in the backup schema.
SELECT count(*) = 25 FROM schemadiff.backups b, LATERAL (SELECT 1) x WHERE b.kind = 'column' AND b.source_column = 'Legacy Code';
