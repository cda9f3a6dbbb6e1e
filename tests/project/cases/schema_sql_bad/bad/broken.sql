CREATE TABLE (a int);
CREATE INDEX ON;
CREATE TABLE half (a int, b int
