import type { Db, Queryable } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';

export interface Deployment {
  processKey: string;
  versionNumber: number;
  hash: string;
  deployedAt: string;
  deployedBy: string;
  /** In the history only: this row took the process off the site. */
  undeployed?: true;
}
export interface Site {
  id: string;
  name: string;
  deployments: Deployment[];
}
export interface Environment {
  name: string;
  sites: Site[];
}

interface DeploymentRow {
  site_id: string;
  process_key: string;
  version_number: number;
  hash: string;
  deployed_at: Date | string;
  deployed_by: string;
  undeployed?: boolean;
}
const toDeployment = (r: DeploymentRow): Deployment => ({
  ...(r.undeployed ? { undeployed: true as const } : {}),
  processKey: r.process_key,
  versionNumber: r.version_number,
  hash: r.hash,
  deployedAt: new Date(r.deployed_at).toISOString(),
  deployedBy: r.deployed_by,
});

/** The current deployment of each process at each site: the newest row for that pair, unless it undeploys (view of migration 012). */
const CURRENT = `
  SELECT d.site_id, d.process_key, d.version_number, v.hash, d.deployed_at, d.deployed_by
    FROM current_deployments d JOIN versions v ON v.process_key = d.process_key AND v.number = d.version_number`;

export function environmentsRepository(db: Db) {
  return {
    async list(): Promise<Environment[]> {
      const envs = await db.query<{ name: string }>('SELECT name FROM environments ORDER BY position');
      const sites = await db.query<{ id: string; name: string; environment: string }>('SELECT id, name, environment FROM sites ORDER BY id');
      const current = await db.query<DeploymentRow>(`${CURRENT} ORDER BY d.site_id, d.process_key`);
      return envs.rows.map((e) => ({
        name: e.name,
        sites: sites.rows
          .filter((s) => s.environment === e.name)
          .map((s) => ({ id: s.id, name: s.name, deployments: current.rows.filter((d) => d.site_id === s.id).map(toDeployment) })),
      }));
    },

    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction(fn),

    async siteExists(siteId: string, q: Queryable = db): Promise<boolean> {
      const { rows } = await q.query('SELECT 1 FROM sites WHERE id = $1', [siteId]);
      return rows.length > 0;
    },

    async site(siteId: string): Promise<{ id: string; name: string; environment: string }> {
      const { rows } = await db.query<{ id: string; name: string; environment: string }>('SELECT id, name, environment FROM sites WHERE id = $1', [siteId]);
      if (!rows[0]) throw notFound(`site ${siteId}`);
      return rows[0];
    },

    /** The flow `process.variables` of a version (undefined: no such version). */
    async versionVariables(processKey: string, versionNumber: number, q: Queryable = db): Promise<unknown> {
      const { rows } = await q.query<{ variables: unknown }>(`SELECT graph->'process'->'variables' AS variables FROM versions WHERE process_key = $1 AND number = $2`, [processKey, versionNumber]);
      return rows[0] ? (rows[0].variables ?? null) : undefined;
    },

    async deploy(siteId: string, processKey: string, versionNumber: number, by: string, q: Queryable = db): Promise<Deployment> {
      if (!(await this.siteExists(siteId, q))) throw notFound(`site ${siteId}`);
      const v = await q.query<{ hash: string }>('SELECT hash FROM versions WHERE process_key = $1 AND number = $2', [processKey, versionNumber]);
      if (!v.rows[0]) throw new HttpError(404, 'not_found', `version ${versionNumber} of ${processKey} not found`);
      const { rows } = await q.query<DeploymentRow>(
        `INSERT INTO deployments (site_id, process_key, version_number, deployed_by) VALUES ($1, $2, $3, $4)
         RETURNING site_id, process_key, version_number, $5::text AS hash, deployed_at, deployed_by`,
        [siteId, processKey, versionNumber, by, v.rows[0].hash],
      );
      return toDeployment(rows[0]!);
    },

    /**
     * Takes the process off the site: a row marked `undeployed` (history keeps it). 404 when the
     * process is not deployed there now.
     */
    async undeploy(siteId: string, processKey: string, by: string): Promise<void> {
      if (!(await this.siteExists(siteId))) throw notFound(`site ${siteId}`);
      // One statement: the row it copies is the current one at that moment.
      const res = await db.query(
        `INSERT INTO deployments (site_id, process_key, version_number, deployed_by, undeployed)
         SELECT site_id, process_key, version_number, $3, true FROM current_deployments WHERE site_id = $1 AND process_key = $2`,
        [siteId, processKey, by],
      );
      if (res.rowCount === 0) throw new HttpError(404, 'not_deployed', `process ${processKey} is not deployed at site ${siteId}`);
    },

    async history(siteId: string): Promise<Deployment[]> {
      if (!(await this.siteExists(siteId))) throw notFound(`site ${siteId}`);
      const { rows } = await db.query<DeploymentRow>(
        `SELECT d.site_id, d.process_key, d.version_number, v.hash, d.deployed_at, d.deployed_by, d.undeployed
           FROM deployments d JOIN versions v ON v.process_key = d.process_key AND v.number = d.version_number
          WHERE d.site_id = $1 ORDER BY d.id DESC`,
        [siteId],
      );
      return rows.map(toDeployment);
    },

    /** Every (process, version hash) ever deployed to the site, current or earlier: what its terminals may log sessions of. */
    async versionsEverDeployed(siteId: string): Promise<{ processKey: string; hash: string }[]> {
      const { rows } = await db.query<{ process_key: string; hash: string }>(
        `SELECT DISTINCT d.process_key, v.hash FROM deployments d
           JOIN versions v ON v.process_key = d.process_key AND v.number = d.version_number WHERE d.site_id = $1`,
        [siteId],
      );
      return rows.map((r) => ({ processKey: r.process_key, hash: r.hash }));
    },

    /** What a terminal of the site runs: the current version of each deployed process, with its machine. */
    async machinesForSite(siteId: string) {
      const { rows } = await db.query<{ process_key: string; version_number: number; hash: string; machine: unknown }>(
        `SELECT c.process_key, c.version_number, c.hash, v.machine
           FROM (${CURRENT} WHERE d.site_id = $1) c
           JOIN versions v ON v.process_key = c.process_key AND v.number = c.version_number
          ORDER BY c.process_key`,
        [siteId],
      );
      return rows.map((r) => ({ processKey: r.process_key, versionNumber: r.version_number, hash: r.hash, machine: r.machine }));
    },
  };
}
export type EnvironmentsRepository = ReturnType<typeof environmentsRepository>;
