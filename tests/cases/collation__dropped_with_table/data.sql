INSERT INTO gone VALUES (1, 'Alice'), (2, 'bob');
