DROP INDEX audit_actor_idx;
