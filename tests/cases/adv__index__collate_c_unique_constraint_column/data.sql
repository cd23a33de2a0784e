INSERT INTO codes VALUES ('abc'), ('ABC');
