CREATE TABLE addr (id int PRIMARY KEY, city text, zip text, country text);
CREATE STATISTICS addr_nd (ndistinct) ON city, zip FROM addr;
CREATE STATISTICS addr_dep (dependencies) ON zip, city, country FROM addr;
CREATE STATISTICS addr_mcv (mcv) ON city, country FROM addr;
CREATE STATISTICS addr_all ON city, zip, country FROM addr;
COMMENT ON STATISTICS addr_mcv IS 'common city/country pairs';
