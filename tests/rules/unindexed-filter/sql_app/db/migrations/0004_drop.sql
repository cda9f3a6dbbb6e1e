-- 0004: two indexes go away again.
DROP INDEX users_city_idx;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_name_key;
