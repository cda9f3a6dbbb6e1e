-- parses, but another SQL file does not: its tables are marked incomplete
CREATE TABLE kept (id int PRIMARY KEY, v text);
