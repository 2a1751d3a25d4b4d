-- Undeploy: a deployment row that takes a process off a site (the newest row per site and
-- process still decides; history keeps both). version_number stays the one that was deployed,
-- so the history can say what was taken off.
ALTER TABLE deployments ADD COLUMN undeployed boolean NOT NULL DEFAULT false;

-- What each site runs now: the newest row per (site, process), unless that row undeploys.
CREATE VIEW current_deployments AS
  SELECT id, site_id, process_key, version_number, deployed_at, deployed_by
    FROM (SELECT DISTINCT ON (site_id, process_key) * FROM deployments ORDER BY site_id, process_key, id DESC) newest
   WHERE NOT undeployed;
