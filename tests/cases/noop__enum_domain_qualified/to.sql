CREATE TYPE public.e AS ENUM ('x', 'y');
CREATE DOMAIN public.d AS integer CONSTRAINT d_check CHECK (VALUE > 0);
CREATE TABLE public.t (a public.e DEFAULT 'x'::public.e, b public.d);
