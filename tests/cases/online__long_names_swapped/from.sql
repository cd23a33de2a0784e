CREATE TABLE "a_table_name_that_is_quite_long_for_postgres_identifiers_x" (id integer, "Amount With Spaces" integer CONSTRAINT "a_check_constraint_name_that_is_exactly_sixty_three_bytes_long_" CHECK ("Amount With Spaces" > 0));
CREATE INDEX "an_index_name_that_is_exactly_sixty_three_bytes_long_abcdefghij" ON "a_table_name_that_is_quite_long_for_postgres_identifiers_x" (id);
