INSERT INTO regions VALUES ('de', 'BE'), ('fr', 'IDF');
INSERT INTO shops VALUES (1, 'de', 'BE'), (2, NULL, NULL);
