CREATE TABLE m (id int PRIMARY KEY, v varchar(10) NOT NULL CHECK (length(v) > 0));
CREATE INDEX m_v_idx ON m (v) WHERE v <> 'x';
