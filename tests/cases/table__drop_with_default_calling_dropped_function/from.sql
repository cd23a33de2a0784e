CREATE FUNCTION public."check"() RETURNS text LANGUAGE sql VOLATILE
    AS $fn$ SELECT 'C-' || floor(random() * 1000)::int $fn$;
CREATE TABLE public."Customer" (
    id_6 text DEFAULT public."check"()
);
