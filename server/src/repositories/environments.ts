import type { Db, Queryable } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';
import { numberArrayLiteral } from '../db/array-literal.js';

/** What a deployment row did (migration 014); rows older than it read as `deploy` / `undeploy`. */
export type DeploymentKind = 'deploy' | 'rollback' | 'promote' | 'undeploy';

export interface Deployment {
  processKey: string;
  versionNumber: number;
  hash: string;
  deployedAt: string;
  deployedBy: string;
  /** In the history only: this row took the process off the site. */
  undeployed?: true;
  /** In the history only. */
  kind?: DeploymentKind;
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
  kind?: DeploymentKind;
}
const toDeployment = (r: DeploymentRow): Deployment => ({
  ...(r.undeployed ? { undeployed: true as const } : {}),
  ...(r.kind ? { kind: r.kind } : {}),
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

    /** The flow `process.variables` of each active rollout's version (what its group's terminals get settings for). */
    async rolloutInputs(rollouts: readonly number[]): Promise<{ processKey: string; variables: unknown }[]> {
      const { rows } = await db.query<{ process_key: string; variables: unknown }>(
        `SELECT r.process_key, v.graph->'process'->'variables' AS variables FROM rollouts r
           JOIN versions v ON v.process_key = r.process_key AND v.number = r.version_number
          WHERE r.id = ANY($1::bigint[]) AND r.state = 'active'`,
        [numberArrayLiteral(rollouts)]);
      return rows.map((r) => ({ processKey: r.process_key, variables: r.variables }));
    },

    /** The flow `process.variables` of a version (undefined: no such version). */
    async versionVariables(processKey: string, versionNumber: number, q: Queryable = db): Promise<unknown> {
      const { rows } = await q.query<{ variables: unknown }>(`SELECT graph->'process'->'variables' AS variables FROM versions WHERE process_key = $1 AND number = $2`, [processKey, versionNumber]);
      return rows[0] ? (rows[0].variables ?? null) : undefined;
    },

    /**
     * Adds a deployment row. `previousId` is the row this one replaces (what a later rollback
     * returns to): by default the current row; a rollback passes the replaced row's own previous.
     */
    async deploy(siteId: string, processKey: string, versionNumber: number, by: string, q: Queryable = db,
      opts: { kind?: Exclude<DeploymentKind, 'undeploy'>; previousId?: number | null } = {}): Promise<Deployment> {
      if (!(await this.siteExists(siteId, q))) throw notFound(`site ${siteId}`);
      const v = await q.query<{ hash: string }>('SELECT hash FROM versions WHERE process_key = $1 AND number = $2', [processKey, versionNumber]);
      if (!v.rows[0]) throw new HttpError(404, 'not_found', `version ${versionNumber} of ${processKey} not found`);
      const previous = opts.previousId !== undefined ? opts.previousId
        : ((await q.query<{ id: string }>('SELECT id FROM current_deployments WHERE site_id = $1 AND process_key = $2', [siteId, processKey])).rows[0]?.id ?? null);
      const { rows } = await q.query<DeploymentRow>(
        `INSERT INTO deployments (site_id, process_key, version_number, deployed_by, kind, previous_id) VALUES ($1, $2, $3, $4, $6, $7)
         RETURNING site_id, process_key, version_number, $5::text AS hash, deployed_at, deployed_by`,
        [siteId, processKey, versionNumber, by, v.rows[0].hash, opts.kind ?? 'deploy', previous],
      );
      return toDeployment(rows[0]!);
    },

    /** The current row of a process at a site, with the row it replaced (what a rollback returns to). */
    async currentRow(siteId: string, processKey: string, q: Queryable = db): Promise<{ id: number; versionNumber: number; previous: { id: number; versionNumber: number; previousId: number | null } | null } | undefined> {
      const { rows } = await q.query<{ id: string; version_number: number; p_id: string | null; p_version: number | null; p_previous: string | null }>(
        `SELECT c.id, c.version_number, p.id AS p_id, p.version_number AS p_version, p.previous_id AS p_previous
           FROM current_deployments c JOIN deployments d ON d.id = c.id LEFT JOIN deployments p ON p.id = d.previous_id
          WHERE c.site_id = $1 AND c.process_key = $2`,
        [siteId, processKey],
      );
      const r = rows[0];
      if (!r) return undefined;
      return {
        id: Number(r.id), versionNumber: r.version_number,
        previous: r.p_id === null ? null : { id: Number(r.p_id), versionNumber: r.p_version!, previousId: r.p_previous === null ? null : Number(r.p_previous) },
      };
    },

    /**
     * Takes the process off the site: a row marked `undeployed` (history keeps it). 404 when the
     * process is not deployed there now.
     */
    async undeploy(siteId: string, processKey: string, by: string, q: Queryable = db): Promise<void> {
      if (!(await this.siteExists(siteId, q))) throw notFound(`site ${siteId}`);
      // One statement: the row it copies is the current one at that moment.
      const res = await q.query(
        `INSERT INTO deployments (site_id, process_key, version_number, deployed_by, undeployed, kind)
         SELECT site_id, process_key, version_number, $3, true, 'undeploy' FROM current_deployments WHERE site_id = $1 AND process_key = $2`,
        [siteId, processKey, by],
      );
      if (res.rowCount === 0) throw new HttpError(404, 'not_deployed', `process ${processKey} is not deployed at site ${siteId}`);
    },

    /** Newest first; only `processKey`'s rows when given. */
    async history(siteId: string, processKey?: string): Promise<Deployment[]> {
      if (!(await this.siteExists(siteId))) throw notFound(`site ${siteId}`);
      const { rows } = await db.query<DeploymentRow>(
        `SELECT d.site_id, d.process_key, d.version_number, v.hash, d.deployed_at, d.deployed_by, d.undeployed, d.kind
           FROM deployments d JOIN versions v ON v.process_key = d.process_key AND v.number = d.version_number
          WHERE d.site_id = $1 AND ($2::text IS NULL OR d.process_key = $2) ORDER BY d.id DESC`,
        [siteId, processKey ?? null],
      );
      return rows.map(toDeployment);
    },

    /**
     * Every (process, version hash) ever deployed to the site, current or earlier, or rolled out
     * to a group there: what its terminals may log sessions of.
     */
    async versionsEverDeployed(siteId: string): Promise<{ processKey: string; hash: string }[]> {
      const { rows } = await db.query<{ process_key: string; hash: string }>(
        `SELECT DISTINCT d.process_key, v.hash
           FROM (SELECT process_key, version_number FROM deployments WHERE site_id = $1
                 UNION SELECT process_key, version_number FROM rollouts WHERE site_id = $1) d
           JOIN versions v ON v.process_key = d.process_key AND v.number = d.version_number`,
        [siteId],
      );
      return rows.map((r) => ({ processKey: r.process_key, hash: r.hash }));
    },

    /**
     * What a terminal of the site runs: the current version of each deployed process, with its
     * machine; `rollouts` replace the version of their process (the terminal is in their group).
     */
    async machinesForSite(siteId: string, rollouts: readonly number[] = []) {
      const { rows } = await db.query<{ process_key: string; version_number: number; hash: string; machine: unknown }>(
        `SELECT c.process_key, coalesce(r.version_number, c.version_number) AS version_number, v.hash, v.machine
           FROM (${CURRENT} WHERE d.site_id = $1) c
           LEFT JOIN rollouts r ON r.site_id = c.site_id AND r.process_key = c.process_key AND r.id = ANY($2::bigint[]) AND r.state = 'active'
           JOIN versions v ON v.process_key = c.process_key AND v.number = coalesce(r.version_number, c.version_number)
          ORDER BY c.process_key`,
        [siteId, numberArrayLiteral(rollouts)],
      );
      return rows.map((r) => ({ processKey: r.process_key, versionNumber: r.version_number, hash: r.hash, machine: r.machine }));
    },
  };
}
export type EnvironmentsRepository = ReturnType<typeof environmentsRepository>;
