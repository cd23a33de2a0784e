CREATE TABLE t (id int, v int);
CREATE VIEW w AS
  SELECT t.id,
         t.v
    FROM public.t
   WHERE ((t.v = ANY (ARRAY[1, 2])) AND (t.id > 0));
