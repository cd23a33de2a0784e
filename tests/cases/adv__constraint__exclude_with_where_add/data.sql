INSERT INTO booking VALUES (1, '[2024-01-01,2024-01-05)', true), (2, '[2024-01-03,2024-01-06)', false);
