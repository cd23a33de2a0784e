CREATE TABLE ev (id int PRIMARY KEY, at timestamptz, kind text);
CREATE STATISTICS ev_day ON (date_trunc('day', at AT TIME ZONE 'UTC')), lower(kind) FROM ev;
CREATE STATISTICS ev_kind_day (ndistinct, mcv) ON kind, (date_trunc('day', at AT TIME ZONE 'UTC')) FROM ev;
