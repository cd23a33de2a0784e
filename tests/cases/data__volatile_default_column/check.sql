-- Every existing row got its own value.
SELECT count(DISTINCT token) = 30 FROM events;
