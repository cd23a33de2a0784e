CREATE TABLE orders (
  id int CONSTRAINT orders_id_present NOT NULL,
  code text NOT NULL,
  note text CONSTRAINT orders_note_given NOT NULL,
  added int CONSTRAINT orders_added_required NOT NULL DEFAULT 0
);
CREATE TABLE fresh (x int CONSTRAINT fresh_x_given NOT NULL);
