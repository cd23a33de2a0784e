INSERT INTO "a_table_name_that_is_quite_long_for_postgres_identifiers_x" SELECT g, g + 1 FROM generate_series(1, 20) g;
