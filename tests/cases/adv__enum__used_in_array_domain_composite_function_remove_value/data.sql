INSERT INTO diary VALUES (1, '{sad,ok}', 'sad', ROW('ok', 'fine'));
