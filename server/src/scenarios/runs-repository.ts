/** Scenario runs and their results, kept in the database (progress, reports, restarts). */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import { notFound } from '../errors.js';
import type { ScenarioResult, ScenarioRunReport, ScenarioTarget } from '../api-types.js';

export type RunTrigger = ScenarioRunReport['trigger'];

/** A run whose progress has not moved for this long lost its server (stopped, crashed). */
export const STALE_RUN_MINUTES = 10;

interface RunRow {
  id: string;
  process_key: string;
  target_version: number | null;
  trigger: RunTrigger;
  status: ScenarioRunReport['status'];
  error: string | null;
  total: number;
  done: number;
  passed: number;
  failed: number;
  coverage: unknown;
  started_at: Date | string;
  finished_at: Date | string | null;
  started_by: string | null;
  stale: boolean;
}

interface ResultRow {
  run_id: string;
  scenario_id: string;
  name: string;
  passed: boolean;
  difference: unknown;
  steps: number;
  taken: string[];
  view?: unknown;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const RUN_COLUMNS = `*, (status = 'running' AND updated_at < now() - interval '${STALE_RUN_MINUTES} minutes') AS stale`;

function toResult(r: ResultRow): ScenarioResult {
  return {
    scenarioId: r.scenario_id, name: r.name, passed: r.passed, ...(r.difference ? { difference: r.difference } : {}),
    steps: r.steps, taken: r.taken, ...(r.view ? { view: r.view } : {}),
  };
}

function toReport(r: RunRow, results: ScenarioResult[]): ScenarioRunReport {
  const stale = r.stale;
  return {
    id: r.id, processKey: r.process_key, target: r.target_version ?? 'draft', trigger: r.trigger,
    status: stale ? 'failed' : r.status,
    ...(stale ? { error: `the run stopped making progress (no result for ${STALE_RUN_MINUTES} minutes): its server stopped` } : r.error ? { error: r.error } : {}),
    // A result committed after the row was read would run ahead of `done`: a poll shows the ones counted.
    total: r.total, done: r.done, passed: r.passed, failed: r.failed, results: results.slice(0, r.done),
    coverage: r.coverage ?? null, startedAt: iso(r.started_at), finishedAt: r.finished_at ? iso(r.finished_at) : null, startedBy: r.started_by,
  };
}

export interface NewRun {
  processKey: string;
  target: ScenarioTarget;
  trigger: RunTrigger;
  total: number;
  startedBy: string | null;
}

export function runsRepository(db: Db) {
  async function results(runIds: string[], withView: boolean): Promise<Map<string, ScenarioResult[]>> {
    const out = new Map<string, ScenarioResult[]>(runIds.map((id) => [id, []]));
    if (runIds.length === 0) return out;
    const { rows } = await db.query<ResultRow>(
      `SELECT run_id, scenario_id, name, passed, difference, steps, taken${withView ? ', view' : ''}
         FROM scenario_run_results WHERE run_id = ANY($1::uuid[]) ORDER BY run_id, position`,
      [runIds],
    );
    for (const r of rows) out.get(r.run_id)!.push(toResult(r));
    return out;
  }

  return {
    async create(run: NewRun): Promise<string> {
      const id = randomUUID();
      await db.query(
        `INSERT INTO scenario_runs (id, process_key, target_version, trigger, status, total, started_by) VALUES ($1, $2, $3, $4, 'running', $5, $6)`,
        [id, run.processKey, run.target === 'draft' ? null : run.target, run.trigger, run.total, run.startedBy],
      );
      return id;
    },

    /** Results (in position order) and the run's counters, together: a poll never sees one without the other. */
    async addResults(runId: string, batch: { position: number; result: ScenarioResult }[]): Promise<void> {
      if (batch.length === 0) return;
      const params: unknown[] = [runId];
      const rows = batch.map(({ position, result: r }) => {
        const at = params.length;
        params.push(position, r.scenarioId, r.name, r.passed, r.difference === undefined ? null : JSON.stringify(r.difference), r.steps, JSON.stringify(r.taken), r.view === undefined ? null : JSON.stringify(r.view));
        return `($1, ${Array.from({ length: 8 }, (_, i) => `$${at + i + 1}`).join(', ')})`;
      });
      const passed = batch.filter((b) => b.result.passed).length;
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO scenario_run_results (run_id, position, scenario_id, name, passed, difference, steps, taken, view) VALUES ${rows.join(', ')}`, params);
        await tx.query(
          `UPDATE scenario_runs SET done = done + $2, passed = passed + $3, failed = failed + $4, updated_at = now() WHERE id = $1`,
          [runId, batch.length, passed, batch.length - passed],
        );
      });
    },

    async finish(runId: string, coverage: unknown): Promise<void> {
      await db.query(`UPDATE scenario_runs SET status = 'done', coverage = $2, finished_at = now(), updated_at = now() WHERE id = $1`, [runId, JSON.stringify(coverage)]);
    },

    async fail(runId: string, error: string): Promise<void> {
      await db.query(`UPDATE scenario_runs SET status = 'failed', error = $2, finished_at = now(), updated_at = now() WHERE id = $1`, [runId, error.slice(0, 2000)]);
    },

    async get(runId: string): Promise<ScenarioRunReport> {
      const { rows } = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM scenario_runs WHERE id = $1`, [runId]);
      if (!rows[0]) throw notFound(`scenario run ${runId}`);
      return toReport(rows[0], (await results([runId], true)).get(runId)!);
    },

    /** Newest first; results without their views. */
    async list(processKey: string, limit: number): Promise<ScenarioRunReport[]> {
      const { rows } = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM scenario_runs WHERE process_key = $1 ORDER BY started_at DESC, id LIMIT $2`, [processKey, limit]);
      const byRun = await results(rows.map((r) => r.id), false);
      return rows.map((r) => toReport(r, byRun.get(r.id)!));
    },

    /** Keeps queued runs from looking stale while the runs before them go on. */
    async touch(runIds: string[]): Promise<void> {
      if (runIds.length) await db.query(`UPDATE scenario_runs SET updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'running'`, [runIds]);
    },

    /** process key → the version numbers deployed at some site now (the newest deployment per site). */
    async deployedVersions(): Promise<Map<string, number[]>> {
      const { rows } = await db.query<{ process_key: string; version_number: number }>(
        `SELECT DISTINCT c.process_key, c.version_number FROM (
           SELECT DISTINCT ON (site_id, process_key) process_key, version_number FROM deployments ORDER BY site_id, process_key, id DESC
         ) c ORDER BY c.process_key, c.version_number`,
      );
      const out = new Map<string, number[]>();
      for (const r of rows) out.set(r.process_key, [...(out.get(r.process_key) ?? []), r.version_number]);
      return out;
    },

    /** Claims a nightly slot (a UTC date): true for exactly one caller per slot, on every server. */
    async claimNightly(slot: string, by: string): Promise<boolean> {
      const res = await db.query('INSERT INTO scenario_nightly_slots (slot, claimed_by) VALUES ($1, $2) ON CONFLICT (slot) DO NOTHING', [slot, by]);
      return res.rowCount === 1;
    },
  };
}
export type RunsRepository = ReturnType<typeof runsRepository>;
