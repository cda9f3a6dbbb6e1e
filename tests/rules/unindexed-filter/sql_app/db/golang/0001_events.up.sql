CREATE TABLE events (id SERIAL PRIMARY KEY, kind TEXT, payload JSONB);
CREATE INDEX events_kind_idx ON events (kind);
