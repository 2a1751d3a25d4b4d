import type { Db, Queryable } from '../db/db.js';

export interface MatrixCell {
  versionNumber: number;
  hash: string;
  deployedAt: string;
  deployedBy: string;
  /** The site runs an older version than another site of its environment. */
  drift: boolean;
  /** A staged rollout in progress here: its version runs on its group. */
  rollout: { id: number; versionNumber: number } | null;
}
export interface MatrixProcess {
  key: string;
  name: string;
  latestVersion: number | null;
  /** `changed`: the draft has changes no version has; `published`: none; `never`: no version yet; `deleted`: versions without a draft. */
  draft: 'changed' | 'published' | 'never' | 'deleted';
  /** By site id; a site without the process has no cell. */
  cells: Record<string, MatrixCell>;
}
export interface Matrix {
  environments: { name: string; sites: { id: string; name: string }[] }[];
  processes: MatrixProcess[];
}

export interface VersionNote {
  number: number;
  note: string;
  author: string;
  createdAt: string;
}

/** What runs where, for the console's matrix; release notes for its confirmations. */
export function deployMatrixRepository(db: Db) {
  return {
    async matrix(): Promise<Matrix> {
      const [envs, sites, procs, current, rollouts] = await Promise.all([
        db.query<{ name: string }>('SELECT name FROM environments ORDER BY position'),
        db.query<{ id: string; name: string; environment: string }>('SELECT id, name, environment FROM sites ORDER BY id'),
        db.query<{ key: string; name: string | null; latest: number | null; changed: boolean | null }>(
          `SELECT k.key, p.name, l.number AS latest, p.graph IS DISTINCT FROM l.graph AS changed
             FROM (SELECT key FROM processes UNION SELECT process_key FROM current_deployments) k
             LEFT JOIN processes p ON p.key = k.key
             LEFT JOIN LATERAL (SELECT number, graph FROM versions v WHERE v.process_key = k.key ORDER BY number DESC LIMIT 1) l ON true
            ORDER BY k.key`),
        db.query<{ site_id: string; process_key: string; version_number: number; hash: string; deployed_at: Date | string; deployed_by: string }>(
          `SELECT c.site_id, c.process_key, c.version_number, v.hash, c.deployed_at, c.deployed_by
             FROM current_deployments c JOIN versions v ON v.process_key = c.process_key AND v.number = c.version_number`),
        db.query<{ id: string; site_id: string; process_key: string; version_number: number }>(
          `SELECT id, site_id, process_key, version_number FROM rollouts WHERE state = 'active'`),
      ]);
      const envOf = new Map(sites.rows.map((s) => [s.id, s.environment]));
      const processes: MatrixProcess[] = procs.rows.map((p) => ({
        key: p.key, name: p.name ?? p.key, latestVersion: p.latest,
        draft: p.name === null ? 'deleted' : p.latest === null ? 'never' : p.changed ? 'changed' : 'published',
        cells: {},
      }));
      const byKey = new Map(processes.map((p) => [p.key, p]));
      // The newest version each environment runs of each process: a site below it drifts.
      const newest = new Map<string, number>();
      for (const c of current.rows) {
        const k = `${c.process_key}\n${envOf.get(c.site_id)}`;
        newest.set(k, Math.max(newest.get(k) ?? 0, c.version_number));
      }
      for (const c of current.rows) {
        const r = rollouts.rows.find((x) => x.site_id === c.site_id && x.process_key === c.process_key);
        byKey.get(c.process_key)!.cells[c.site_id] = {
          versionNumber: c.version_number, hash: c.hash, deployedAt: new Date(c.deployed_at).toISOString(), deployedBy: c.deployed_by,
          drift: c.version_number < newest.get(`${c.process_key}\n${envOf.get(c.site_id)}`)!,
          rollout: r ? { id: Number(r.id), versionNumber: r.version_number } : null,
        };
      }
      return {
        environments: envs.rows.map((e) => ({ name: e.name, sites: sites.rows.filter((s) => s.environment === e.name).map((s) => ({ id: s.id, name: s.name })) })),
        processes,
      };
    },

    /** Release notes of the versions in (low, high], newest first (at most `limit`). */
    async notesBetween(processKey: string, low: number, high: number, limit = 50, q: Queryable = db): Promise<VersionNote[]> {
      const { rows } = await q.query<{ number: number; note: string; author: string; created_at: Date | string }>(
        `SELECT number, note, author, created_at FROM versions WHERE process_key = $1 AND number > $2 AND number <= $3 ORDER BY number DESC LIMIT $4`,
        [processKey, low, high, limit]);
      return rows.map((r) => ({ number: r.number, note: r.note, author: r.author, createdAt: new Date(r.created_at).toISOString() }));
    },

    async versionHash(processKey: string, number: number, q: Queryable = db): Promise<string | undefined> {
      const { rows } = await q.query<{ hash: string }>('SELECT hash FROM versions WHERE process_key = $1 AND number = $2', [processKey, number]);
      return rows[0]?.hash;
    },
  };
}
export type DeployMatrixRepository = ReturnType<typeof deployMatrixRepository>;
