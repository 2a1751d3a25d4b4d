-- The console's deployments (issue 14): rollback as a stack, staged rollouts to a group of a
-- site's terminals or operators, and who may deploy to which environment.

-- What each deployment row did, and the row it replaced: a rollback returns to the replaced
-- row's version and takes over that row's own `previous_id`, so rolling back twice walks
-- further back instead of flipping between two versions. NULL: nothing was deployed before.
ALTER TABLE deployments ADD COLUMN kind text NOT NULL DEFAULT 'deploy'
  CHECK (kind IN ('deploy', 'rollback', 'promote', 'undeploy'));
ALTER TABLE deployments ADD COLUMN previous_id bigint REFERENCES deployments (id);
UPDATE deployments SET kind = 'undeploy' WHERE undeployed;
UPDATE deployments d SET previous_id = w.prev
  FROM (SELECT id, lag(id) OVER p AS prev, lag(undeployed) OVER p AS prev_undeployed
          FROM deployments WINDOW p AS (PARTITION BY site_id, process_key ORDER BY id)) w
 WHERE d.id = w.id AND NOT d.undeployed AND w.prev IS NOT NULL AND NOT w.prev_undeployed;

-- A staged rollout: `version_number` runs on the group's terminals (chosen terminal ids, or
-- any terminal while one of the chosen operators is signed on) while the rest of the site
-- keeps its deployment. Promote deploys it to the whole site; rollback ends it. Thresholds
-- (JSON) are how much worse than the rest of the site the group may do before the server
-- rolls it back by itself.
CREATE TABLE rollouts (
  id             bigserial PRIMARY KEY,
  site_id        text NOT NULL REFERENCES sites (id),
  process_key    text NOT NULL,
  version_number integer NOT NULL,
  base_version   integer NOT NULL,
  terminal_ids   jsonb NOT NULL DEFAULT '[]',
  operator_ids   jsonb NOT NULL DEFAULT '[]',
  thresholds     jsonb NOT NULL DEFAULT '{}',
  state          text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'promoted', 'rolled_back')),
  started_at     timestamptz NOT NULL DEFAULT now(),
  started_by     text NOT NULL,
  ended_at       timestamptz,
  ended_by       text,
  end_reason     text,
  FOREIGN KEY (process_key, version_number) REFERENCES versions (process_key, number)
);
-- At most one rollout in progress per site and process.
CREATE UNIQUE INDEX rollouts_one_active ON rollouts (site_id, process_key) WHERE state = 'active';
CREATE INDEX rollouts_site ON rollouts (site_id, process_key, id DESC);

-- Who may deploy (deploy, roll back, undeploy, roll out) to an environment's sites, on top of
-- the admin role. Existing admins keep deploying everywhere; the first-start admin of a new
-- installation gets every environment when it is created (build.ts).
CREATE TABLE deploy_rights (
  user_id     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  environment text NOT NULL REFERENCES environments (name) ON DELETE CASCADE,
  granted_by  text NOT NULL,
  granted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, environment)
);
INSERT INTO deploy_rights (user_id, environment, granted_by)
  SELECT u.id, e.name, 'migration 014' FROM users u CROSS JOIN environments e WHERE u.role = 'admin';
