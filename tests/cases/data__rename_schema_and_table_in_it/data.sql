INSERT INTO crm.people (full_name) VALUES ('Ann Lee'), ('Bob Ray');
INSERT INTO crm.notes VALUES (1, 2, 'hello');
