INSERT INTO events VALUES (1, 'schemadiff_reader', '2025-03-01'), (2, 'other', '2026-03-01');
