import type { Db, Queryable } from '../db/db.js';
import { UNIQUE_VIOLATION, likeLiteral, pgErrorCode } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';
import type { ProcessDraft, ProcessSummary, ScenarioGate } from '../api-types.js';

export type { ProcessDraft, ProcessSummary };

interface Row {
  key: string;
  name: string;
  revision: number;
  graph: unknown;
  updated_at: Date | string;
  updated_by: string;
  latest_version?: number | null;
  scenario_gate: ScenarioGate;
  /** The newest finished scenario run (list only). */
  run_id?: string | null;
  run_at?: Date | string | null;
  run_target?: number | null;
  run_total?: number;
  run_passed?: number;
  run_failed?: number;
  deployments?: { siteId: string; versionNumber: number }[];
  called_by?: string[];
  subflow?: boolean;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const toDraft = (r: Row): ProcessDraft => ({
  key: r.key,
  name: r.name,
  revision: r.revision,
  graph: r.graph,
  updatedAt: iso(r.updated_at),
  updatedBy: r.updated_by,
  scenarioGate: r.scenario_gate,
});

/** A new process starts as start → end, so it compiles from the first save. */
export function starterGraph(key: string, name: string) {
  return {
    formatVersion: 1,
    process: { key, name, languages: ['en'], variables: [], globalWords: [] },
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'end', kind: 'end', position: { x: 0, y: 160 }, data: {} },
    ],
    edges: [{ id: 'start-next', source: 'start', outcome: 'next', target: 'end' }],
  };
}

/** The draft's graph carries the process key and name: keep them equal to the row's. */
function withIdentity(graph: unknown, key: string, name: string): unknown {
  if (typeof graph !== 'object' || graph === null || Array.isArray(graph)) return graph;
  const g = graph as { process?: Record<string, unknown> };
  return { ...g, process: { ...(g.process ?? {}), key, name } };
}

export function processesRepository(db: Db) {
  async function get(key: string, q: Queryable = db): Promise<ProcessDraft | undefined> {
    const { rows } = await q.query<Row>('SELECT * FROM processes WHERE key = $1', [key]);
    return rows[0] && toDraft(rows[0]);
  }

  async function insert(key: string, name: string, graph: unknown, by: string, q: Queryable = db) {
    try {
      const { rows } = await q.query<Row>(
        'INSERT INTO processes (key, name, graph, updated_by) VALUES ($1, $2, $3, $4) RETURNING *',
        [key, name, JSON.stringify(withIdentity(graph, key, name)), by],
      );
      return toDraft(rows[0]!);
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION) throw new HttpError(409, 'key_taken', `a process with key ${key} exists`);
      throw err;
    }
  }

  return {
    get,
    async require(key: string): Promise<ProcessDraft> {
      const p = await get(key);
      if (!p) throw notFound(`process ${key}`);
      return p;
    },

    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM processes');
      return rows[0]?.n ?? 0;
    },

    async list(q?: string): Promise<ProcessSummary[]> {
      const { rows } = await db.query<Row>(
        `SELECT p.key, p.name, p.revision, p.updated_at, p.updated_by,
                (SELECT max(v.number) FROM versions v WHERE v.process_key = p.key) AS latest_version,
                lr.id AS run_id, lr.finished_at AS run_at, lr.target_version AS run_target,
                lr.total AS run_total, lr.passed AS run_passed, lr.failed AS run_failed,
                (SELECT coalesce(jsonb_agg(jsonb_build_object('siteId', c.site_id, 'versionNumber', c.version_number) ORDER BY c.site_id), '[]'::jsonb)
                   FROM current_deployments c WHERE c.process_key = p.key) AS deployments,
                (SELECT coalesce(array_agg(o.key ORDER BY o.key), '{}'::text[]) FROM processes o
                  WHERE o.key <> p.key AND jsonb_typeof(o.graph->'nodes') = 'array'
                    AND o.graph->'nodes' @> jsonb_build_array(jsonb_build_object('kind', 'subflow', 'data', jsonb_build_object('processKey', p.key)))) AS called_by,
                -- Called by another process, or written to hand values back. An input variable alone
                -- does not make a subflow: site settings (wmsUrl) arrive through inputs too.
                (EXISTS (SELECT 1 FROM processes o WHERE o.key <> p.key AND jsonb_typeof(o.graph->'nodes') = 'array'
                           AND o.graph->'nodes' @> jsonb_build_array(jsonb_build_object('kind', 'subflow', 'data', jsonb_build_object('processKey', p.key))))
                 OR (jsonb_typeof(p.graph->'process'->'variables') = 'array' AND p.graph->'process'->'variables' @> '[{"output": true}]'::jsonb)) AS subflow
           FROM processes p
           -- The newest finished scenario run against the draft, else against any version.
           LEFT JOIN LATERAL (
             SELECT r.id, r.finished_at, r.target_version, r.total, r.passed, r.failed FROM scenario_runs r
              WHERE r.process_key = p.key AND r.status = 'done'
              ORDER BY (r.target_version IS NULL) DESC, r.finished_at DESC LIMIT 1
           ) lr ON true
          WHERE $1::text IS NULL OR p.key ILIKE '%' || $1 || '%' OR p.name ILIKE '%' || $1 || '%'
          ORDER BY p.name, p.key`,
        [q ? likeLiteral(q) : null],
      );
      return rows.map((r) => ({
        key: r.key,
        name: r.name,
        revision: r.revision,
        updatedAt: iso(r.updated_at),
        updatedBy: r.updated_by,
        latestVersion: r.latest_version ?? null,
        lastScenarioRun: r.run_id
          ? { id: r.run_id, at: iso(r.run_at!), target: r.run_target ?? 'draft', total: r.run_total!, passed: r.run_passed!, failed: r.run_failed! }
          : null,
        deployments: r.deployments ?? [],
        calledBy: r.called_by ?? [],
        subflow: r.subflow === true,
      }));
    },

    create: (key: string, name: string, graph: unknown | undefined, by: string) =>
      insert(key, name, graph ?? starterGraph(key, name), by),

    /**
     * Optimistic concurrency: the UPDATE only matches the revision the editor started from, so a
     * stale save changes nothing and gets the current draft back.
     */
    async saveDraft(key: string, graph: unknown, revision: number, by: string) {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<Row>(
          `UPDATE processes SET graph = jsonb_set($2::jsonb, '{process}', coalesce($2::jsonb->'process', '{}'::jsonb) || jsonb_build_object('key', key, 'name', name)),
                  revision = revision + 1, updated_at = now(), updated_by = $4
            WHERE key = $1 AND revision = $3 RETURNING *`,
          [key, JSON.stringify(graph), revision, by],
        );
        if (rows[0]) return { ok: true as const, draft: toDraft(rows[0]) };
        const current = await get(key, tx);
        if (!current) throw notFound(`process ${key}`);
        return { ok: false as const, current };
      });
    },

    async rename(key: string, name: string, by: string): Promise<ProcessDraft> {
      const { rows } = await db.query<Row>(
        `UPDATE processes SET name = $2, graph = jsonb_set(graph, '{process,name}', to_jsonb($2::text)),
                revision = revision + 1, updated_at = now(), updated_by = $3
          WHERE key = $1 RETURNING *`,
        [key, name, by],
      );
      if (!rows[0]) throw notFound(`process ${key}`);
      return toDraft(rows[0]);
    },

    async setScenarioGate(key: string, gate: ScenarioGate): Promise<ProcessDraft> {
      const { rows } = await db.query<Row>('UPDATE processes SET scenario_gate = $2 WHERE key = $1 RETURNING *', [key, gate]);
      if (!rows[0]) throw notFound(`process ${key}`);
      return toDraft(rows[0]);
    },

    async duplicate(fromKey: string, key: string, name: string, by: string): Promise<ProcessDraft> {
      return db.transaction(async (tx) => {
        const source = await get(fromKey, tx);
        if (!source) throw notFound(`process ${fromKey}`);
        return insert(key, name, source.graph, by, tx);
      });
    },

    async remove(key: string): Promise<void> {
      await db.transaction(async (tx) => {
        const deployed = await tx.query<{ site_id: string }>(
          'SELECT site_id FROM current_deployments WHERE process_key = $1 ORDER BY site_id',
          [key],
        );
        if (deployed.rows.length > 0) {
          const sites = deployed.rows.map((r) => r.site_id).join(', ');
          throw new HttpError(409, 'process_deployed', `process ${key} is deployed at ${sites}; undeploy it there first (DELETE /api/sites/:siteId/deployments/${key}), then delete it`, {
            sites: deployed.rows.map((r) => r.site_id),
          });
        }
        const res = await tx.query('DELETE FROM processes WHERE key = $1', [key]);
        if (res.rowCount === 0) throw notFound(`process ${key}`);
      });
    },
  };
}
export type ProcessesRepository = ReturnType<typeof processesRepository>;
