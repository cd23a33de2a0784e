CREATE TABLE nothing ();
