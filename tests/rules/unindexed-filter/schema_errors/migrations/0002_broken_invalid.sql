-- A migration with a syntax error: a notice; the SQL tables are then not
-- judged (this migration might have added the very index a query needs).
CREATE INDEX tickets_state ON tickets (state;
CREATE TABLE notes (body TEXT 'unterminated);
