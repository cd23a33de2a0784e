SELECT count(*) = 20 FROM ev WHERE at = to_timestamp(1700000000 + id);
