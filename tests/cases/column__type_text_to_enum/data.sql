INSERT INTO v (id, x) VALUES (1, 'happy'), (2, 'sad'), (3, NULL);
