CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, actor TEXT, at TEXT);
CREATE INDEX audit_actor_idx ON audit (actor);
