SELECT count(*) = 2 FROM item_codes;
SELECT to_regprocedure('make_code(text)') IS NULL;
