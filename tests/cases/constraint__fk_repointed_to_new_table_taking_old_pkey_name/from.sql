CREATE TABLE public.rev_old (id integer PRIMARY KEY, body text);
CREATE TABLE public.comment (id integer PRIMARY KEY, rev_id integer CONSTRAINT comment_rev_fk REFERENCES public.rev_old (id) DEFERRABLE INITIALLY DEFERRED);
