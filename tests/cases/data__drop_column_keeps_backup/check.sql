-- The dropped values wait in the backup schema, one row per key.
SELECT (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM schemadiff_backup.%I WHERE "Legacy Code" IS NOT NULL', backup), false, true, '')))[1]::text::int = 25
  FROM schemadiff.backups WHERE source_column = 'Legacy Code';
