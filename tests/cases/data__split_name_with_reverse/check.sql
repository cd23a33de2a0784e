SELECT count(*) = 30 FROM people WHERE first_name = 'First' || id AND last_name = 'Last' || id;
