CREATE SCHEMA app;


ALTER SCHEMA app OWNER TO schemadiff_reader;

CREATE TYPE app.mood AS ENUM (
    'sad',
    'happy'
);


ALTER TYPE app.mood OWNER TO schemadiff_writer;

CREATE FUNCTION app.f() RETURNS integer
    LANGUAGE sql
    AS $$SELECT 1$$;


ALTER FUNCTION app.f() OWNER TO schemadiff_reader;

CREATE TABLE app.t (
    id integer NOT NULL,
    m app.mood
);


ALTER TABLE app.t OWNER TO schemadiff_writer;

CREATE SEQUENCE app.t_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE app.t_id_seq OWNER TO schemadiff_writer;

ALTER SEQUENCE app.t_id_seq OWNED BY app.t.id;

CREATE SEQUENCE app.standalone
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE app.standalone OWNER TO schemadiff_reader;

CREATE VIEW app.v AS
 SELECT t.id
   FROM app.t;


ALTER TABLE app.v OWNER TO schemadiff_reader;

CREATE MATERIALIZED VIEW app.m AS
 SELECT t.id
   FROM app.t
  WITH NO DATA;


ALTER TABLE app.m OWNER TO schemadiff_writer;

CREATE TABLE public.plain (
    id integer
);


ALTER TABLE public.plain OWNER TO CURRENT_USER;

ALTER TABLE ONLY app.t ALTER COLUMN id SET DEFAULT nextval('app.t_id_seq'::regclass);

ALTER TABLE ONLY app.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);

GRANT SELECT ON TABLE app.t TO schemadiff_reader;
