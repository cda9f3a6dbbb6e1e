-- Quoted identifiers, schema-qualified names, comments of both kinds.
CREATE TABLE IF NOT EXISTS public."Users" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "Email" varchar(255) NOT NULL UNIQUE,   /* unique inline */
  handle text CONSTRAINT users_handle_key UNIQUE,
  org_id integer NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  is_staff bool DEFAULT false,
  created timestamp(3) without time zone,
  CHECK (char_length(handle) > 2)
);
CREATE TABLE orgs (id serial, name text, PRIMARY KEY (id));
CREATE TEMP TABLE scratch AS SELECT * FROM orgs;   -- AS SELECT: not read
CREATE TABLE `memberships` (
  `user_id` int NOT NULL,
  `org_id` int NOT NULL,
  `role` varchar(10),
  PRIMARY KEY (`user_id`, `org_id`),
  KEY `memberships_role` (`role`),
  UNIQUE KEY (`org_id`, `role`),
  FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`)
) ENGINE=InnoDB;
CREATE TABLE [dbo].[Logs] ([Id] int IDENTITY(1,1) PRIMARY KEY, [Level] nvarchar(10), [At] datetime2);
