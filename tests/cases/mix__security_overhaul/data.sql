INSERT INTO sec.secrets VALUES (1, 'alice', 's1');
