/** Stored scenarios: per process, unique name within it (SQL only; checks in validate.ts). */
import { randomUUID } from 'node:crypto';
import type { Scenario } from '@voiceman/simulator';
import type { Db, Queryable } from '../db/db.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';
import type { LastScenarioResult, StoredScenario } from '../api-types.js';
import { SCENARIO_LIMITS } from './validate.js';

interface Row {
  id: string;
  name: string;
  scenario: Scenario;
  updated_at: Date | string;
  updated_by: string;
}

interface LastRow {
  scenario_id: string;
  run_id: string;
  finished_at: Date | string;
  target_version: number | null;
  passed: boolean;
  difference: unknown;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toLast(r: LastRow | undefined): LastScenarioResult | null {
  if (!r) return null;
  return {
    runId: r.run_id, at: iso(r.finished_at), target: r.target_version ?? 'draft', passed: r.passed,
    ...(r.difference ? { difference: r.difference } : {}),
  };
}

const nameTaken = (name: string) => new HttpError(409, 'scenario_name_taken', `this process already has a scenario named ${JSON.stringify(name)}`, { name });

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Scenarios removed by `replace`. */
  removed: number;
}

export function scenariosRepository(db: Db) {
  /** Locks the process row: writes to one process's scenarios queue up (the count limit holds). */
  async function lockProcess(tx: Queryable, processKey: string): Promise<void> {
    const { rows } = await tx.query('SELECT key FROM processes WHERE key = $1 FOR UPDATE', [processKey]);
    if (!rows[0]) throw notFound(`process ${processKey}`);
  }

  async function count(tx: Queryable, processKey: string): Promise<number> {
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM scenarios WHERE process_key = $1', [processKey]);
    return rows[0]?.n ?? 0;
  }

  const tooMany = (n: number) => new HttpError(409, 'too_many_scenarios', `a process keeps at most ${SCENARIO_LIMITS.perProcess} scenarios; this would make ${n}`);

  /** The newest result of each scenario in a finished run. */
  async function lastResults(ids: string[]): Promise<Map<string, LastScenarioResult | null>> {
    if (ids.length === 0) return new Map();
    const { rows } = await db.query<LastRow>(
      `SELECT DISTINCT ON (r.scenario_id) r.scenario_id, r.run_id, s.finished_at, s.target_version, r.passed, r.difference
         FROM scenario_run_results r JOIN scenario_runs s ON s.id = r.run_id
        WHERE r.scenario_id = ANY($1::uuid[]) AND s.finished_at IS NOT NULL
        ORDER BY r.scenario_id, s.finished_at DESC`,
      [ids],
    );
    return new Map(rows.map((r) => [r.scenario_id, toLast(r)]));
  }

  async function withLast(rows: Row[]): Promise<StoredScenario[]> {
    const last = await lastResults(rows.map((r) => r.id));
    return rows.map((r) => ({ id: r.id, name: r.name, scenario: r.scenario, updatedAt: iso(r.updated_at), updatedBy: r.updated_by, lastResult: last.get(r.id) ?? null }));
  }

  async function get(processKey: string, id: string): Promise<StoredScenario> {
    const { rows } = await db.query<Row>('SELECT * FROM scenarios WHERE process_key = $1 AND id = $2', [processKey, id]);
    if (!rows[0]) throw notFound(`scenario ${id} of process ${processKey}`);
    return (await withLast(rows))[0]!;
  }

  async function writeOrConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken(name);
      throw err;
    }
  }

  return {
    get,

    async list(processKey: string): Promise<StoredScenario[]> {
      const { rows } = await db.query<Row>('SELECT * FROM scenarios WHERE process_key = $1 ORDER BY name, id', [processKey]);
      return withLast(rows);
    },

    /** The scenarios a run takes: all of the process, or those of `ids` (unknown ids: 404). */
    async forRun(processKey: string, ids?: string[]): Promise<{ id: string; scenario: Scenario }[]> {
      const { rows } = await db.query<Row>(
        'SELECT id, name, scenario FROM scenarios WHERE process_key = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY name, id',
        [processKey, ids ?? null],
      );
      if (ids) {
        const found = new Set(rows.map((r) => r.id));
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length) throw notFound(`scenario ${missing[0]} of process ${processKey}`);
      }
      return rows.map((r) => ({ id: r.id, scenario: r.scenario }));
    },

    /** Processes that have at least one scenario (the nightly job's list). */
    async processesWithScenarios(): Promise<string[]> {
      const { rows } = await db.query<{ process_key: string }>('SELECT DISTINCT process_key FROM scenarios ORDER BY process_key');
      return rows.map((r) => r.process_key);
    },

    async create(processKey: string, scenario: Scenario, by: string): Promise<StoredScenario> {
      const id = randomUUID();
      await writeOrConflict(scenario.name, () => db.transaction(async (tx) => {
        await lockProcess(tx, processKey);
        const n = (await count(tx, processKey)) + 1;
        if (n > SCENARIO_LIMITS.perProcess) throw tooMany(n);
        await tx.query('INSERT INTO scenarios (id, process_key, name, scenario, updated_by) VALUES ($1, $2, $3, $4, $5)', [id, processKey, scenario.name, JSON.stringify(scenario), by]);
      }));
      return get(processKey, id);
    },

    async update(processKey: string, id: string, scenario: Scenario, by: string): Promise<StoredScenario> {
      const res = await writeOrConflict(scenario.name, () => db.query(
        'UPDATE scenarios SET name = $3, scenario = $4, updated_at = now(), updated_by = $5 WHERE process_key = $1 AND id = $2',
        [processKey, id, scenario.name, JSON.stringify(scenario), by],
      ));
      if (res.rowCount === 0) throw notFound(`scenario ${id} of process ${processKey}`);
      return get(processKey, id);
    },

    async remove(processKey: string, id: string): Promise<void> {
      const res = await db.query('DELETE FROM scenarios WHERE process_key = $1 AND id = $2', [processKey, id]);
      if (res.rowCount === 0) throw notFound(`scenario ${id} of process ${processKey}`);
    },

    /**
     * Upsert by name in one transaction: a scenario whose stored JSON equals the imported one
     * (jsonb equality: key order does not matter) is left alone, so the same import twice
     * changes nothing. `replace` also deletes the process's scenarios the import does not name.
     */
    async importAll(processKey: string, scenarios: Scenario[], replace: boolean, by: string): Promise<ImportCounts> {
      return db.transaction(async (tx) => {
        await lockProcess(tx, processKey);
        const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
        if (replace) {
          const res = await tx.query('DELETE FROM scenarios WHERE process_key = $1 AND NOT (name = ANY($2::text[]))', [processKey, scenarios.map((s) => s.name)]);
          counts.removed = res.rowCount;
        }
        for (const scenario of scenarios) {
          const json = JSON.stringify(scenario);
          const { rows } = await tx.query<{ same: boolean }>('SELECT scenario = $3::jsonb AS same FROM scenarios WHERE process_key = $1 AND name = $2', [processKey, scenario.name, json]);
          if (!rows[0]) {
            await tx.query('INSERT INTO scenarios (id, process_key, name, scenario, updated_by) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), processKey, scenario.name, json, by]);
            counts.created += 1;
          } else if (rows[0].same) {
            counts.unchanged += 1;
          } else {
            await tx.query('UPDATE scenarios SET scenario = $3, updated_at = now(), updated_by = $4 WHERE process_key = $1 AND name = $2', [processKey, scenario.name, json, by]);
            counts.updated += 1;
          }
        }
        const n = await count(tx, processKey);
        if (n > SCENARIO_LIMITS.perProcess) throw tooMany(n);
        return counts;
      });
    },
  };
}
export type ScenariosRepository = ReturnType<typeof scenariosRepository>;
