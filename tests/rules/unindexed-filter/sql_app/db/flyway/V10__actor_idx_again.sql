-- Flyway orders versions as numbers: V10 runs after V2.
CREATE INDEX audit_actor_idx ON audit (actor);
