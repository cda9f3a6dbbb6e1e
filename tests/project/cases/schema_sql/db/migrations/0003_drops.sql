DROP INDEX IF EXISTS orgs_name, logs_level;
ALTER TABLE "Users" DROP COLUMN handle;
ALTER TABLE memberships DROP INDEX memberships_role;
DROP TABLE IF EXISTS scratch;
CREATE TABLE tmp_import (a int);
DROP TABLE tmp_import;
UPDATE orgs SET name = 'x' WHERE id = 1;  -- data: skipped
INSERT INTO orgs (name) VALUES ('a;b');
