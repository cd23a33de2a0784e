-- A table renamed without the annotation (a drop and a create), whose new primary key
-- takes the old one's name, and a foreign key moved from the old table to the new one
-- (Django renaming a model). The key's name is freed only by the old table's drop, so the
-- foreign key is dropped and added, not swapped (a swap made a dependency cycle).
CREATE TABLE public.rev_new (id integer CONSTRAINT rev_old_pkey PRIMARY KEY, body text);
CREATE TABLE public.comment (id integer PRIMARY KEY, rev_id integer CONSTRAINT comment_rev_fk REFERENCES public.rev_new (id) DEFERRABLE INITIALLY DEFERRED);
