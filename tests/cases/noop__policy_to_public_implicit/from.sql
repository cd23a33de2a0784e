CREATE TABLE t (o name);
CREATE POLICY p ON t USING (o = current_user);
