INSERT INTO docs (id, title, body, tags, meta, score, span) VALUES (1, 'Alpha', 'first doc', '{a,b}', '{"k": 1}', 5, '[1,5)'), (2, 'beta', NULL, '{}', NULL, NULL, NULL);
