create table t (id int primary key, name text not null default 'x');
create index t_name on t (name);
