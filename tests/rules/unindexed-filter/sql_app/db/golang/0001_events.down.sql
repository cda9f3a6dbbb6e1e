-- golang-migrate's down migration undoes the up one: not part of the schema.
DROP INDEX events_kind_idx;
DROP TABLE events;
