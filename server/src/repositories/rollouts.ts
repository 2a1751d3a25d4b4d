import type { Db, Queryable } from '../db/db.js';
import { UNIQUE_VIOLATION, pgErrorCode } from '../db/db.js';
import { HttpError } from '../errors.js';

/** How much worse than the rest of the site the group may do before the rollout is rolled back. */
export interface Thresholds {
  /** Share of ended sessions that ended in error: the group's minus the rest's (0.05 = 5 points). */
  errorRate?: number;
  /** Share of heard utterances that matched nothing: the group's minus the rest's. */
  noMatchRate?: number;
  /** Mean task time (completed sessions) as a ratio of the rest's (1.5 = half again as long). */
  meanTaskTime?: number;
  /** Ended sessions the group needs before any threshold is judged (default 10). */
  minSessions?: number;
}
export const DEFAULT_MIN_SESSIONS = 10;

export type RolloutState = 'active' | 'promoted' | 'rolled_back';

export interface Rollout {
  id: number;
  siteId: string;
  processKey: string;
  versionNumber: number;
  /** What the rest of the site ran when the rollout started. */
  baseVersion: number;
  terminalIds: string[];
  operatorIds: string[];
  thresholds: Thresholds;
  state: RolloutState;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

/** Who runs the rollout's version: what the terminal API needs on its hot path. */
export interface RolloutGroup {
  id: number;
  processKey: string;
  terminalIds: readonly string[];
  operatorIds: readonly string[];
}

/** One side's figures over the rollout's time (sessions started in it). */
export interface Figures {
  sessions: number;
  ended: number;
  errors: number;
  /** errors / ended; null without ended sessions. */
  errorRate: number | null;
  hypotheses: number;
  noMatches: number;
  /** noMatches / hypotheses; null when nothing was heard. */
  noMatchRate: number | null;
  completed: number;
  /** Mean time from a completed session's start to its end, ms; null without completed sessions. */
  meanTaskMs: number | null;
}

interface RolloutRow {
  id: string; site_id: string; process_key: string; version_number: number; base_version: number;
  terminal_ids: string[]; operator_ids: string[]; thresholds: Thresholds; state: RolloutState;
  started_at: Date | string; started_by: string; ended_at: Date | string | null; ended_by: string | null; end_reason: string | null;
}
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const toRollout = (r: RolloutRow): Rollout => ({
  id: Number(r.id), siteId: r.site_id, processKey: r.process_key, versionNumber: r.version_number, baseVersion: r.base_version,
  terminalIds: r.terminal_ids, operatorIds: r.operator_ids, thresholds: r.thresholds, state: r.state,
  startedAt: iso(r.started_at)!, startedBy: r.started_by, endedAt: iso(r.ended_at), endedBy: r.ended_by, endReason: r.end_reason,
});

const empty = (): Figures => ({ sessions: 0, ended: 0, errors: 0, errorRate: null, hypotheses: 0, noMatches: 0, noMatchRate: null, completed: 0, meanTaskMs: null });

export function rolloutsRepository(db: Db) {
  return {
    async start(r: { siteId: string; processKey: string; versionNumber: number; baseVersion: number; terminalIds: string[]; operatorIds: string[]; thresholds: Thresholds; by: string }, q: Queryable = db): Promise<Rollout> {
      try {
        const { rows } = await q.query<RolloutRow>(
          `INSERT INTO rollouts (site_id, process_key, version_number, base_version, terminal_ids, operator_ids, thresholds, started_by)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8) RETURNING *`,
          [r.siteId, r.processKey, r.versionNumber, r.baseVersion, JSON.stringify(r.terminalIds), JSON.stringify(r.operatorIds), JSON.stringify(r.thresholds), r.by],
        );
        return toRollout(rows[0]!);
      } catch (err) {
        if (pgErrorCode(err) === UNIQUE_VIOLATION) throw new HttpError(409, 'rollout_active', `a rollout of ${r.processKey} is already in progress at site ${r.siteId}; promote or roll it back first`);
        throw err;
      }
    },

    async get(id: number, q: Queryable = db): Promise<Rollout> {
      const { rows } = await q.query<RolloutRow>('SELECT * FROM rollouts WHERE id = $1', [id]);
      if (!rows[0]) throw new HttpError(404, 'not_found', `rollout ${id} not found`);
      return toRollout(rows[0]);
    },

    /** The rollout in progress for a process at a site, if any. */
    async activeFor(siteId: string, processKey: string, q: Queryable = db): Promise<Rollout | undefined> {
      const { rows } = await q.query<RolloutRow>(`SELECT * FROM rollouts WHERE site_id = $1 AND process_key = $2 AND state = 'active'`, [siteId, processKey]);
      return rows[0] && toRollout(rows[0]);
    },

    async active(q: Queryable = db): Promise<Rollout[]> {
      const { rows } = await q.query<RolloutRow>(`SELECT * FROM rollouts WHERE state = 'active' ORDER BY id`);
      return rows.map(toRollout);
    },

    async groups(siteId: string): Promise<RolloutGroup[]> {
      const { rows } = await db.query<RolloutRow>(`SELECT id, process_key, terminal_ids, operator_ids FROM rollouts WHERE site_id = $1 AND state = 'active' ORDER BY id`, [siteId]);
      return rows.map((r) => ({ id: Number(r.id), processKey: r.process_key, terminalIds: r.terminal_ids, operatorIds: r.operator_ids }));
    },

    /** Newest first; one process's when given. */
    async list(siteId: string, processKey?: string, limit = 100): Promise<Rollout[]> {
      const { rows } = await db.query<RolloutRow>(
        `SELECT * FROM rollouts WHERE site_id = $1 AND ($2::text IS NULL OR process_key = $2) ORDER BY id DESC LIMIT $3`,
        [siteId, processKey ?? null, limit],
      );
      return rows.map(toRollout);
    },

    /** Ends an active rollout; 409 `rollout_ended` when it already ended (two admins, or the timer, got there first). */
    async end(id: number, state: Exclude<RolloutState, 'active'>, by: string, reason: string, q: Queryable = db): Promise<Rollout> {
      const { rows } = await q.query<RolloutRow>(
        `UPDATE rollouts SET state = $2, ended_at = now(), ended_by = $3, end_reason = $4 WHERE id = $1 AND state = 'active' RETURNING *`,
        [id, state, by, reason],
      );
      if (rows[0]) return toRollout(rows[0]);
      const r = await this.get(id, q);
      throw new HttpError(409, 'rollout_ended', `rollout ${id} already ended (${r.state.replace('_', ' ')} by ${r.endedBy})`, { state: r.state });
    },

    /**
     * The group's figures against the rest of the site's, over the rollout's time: sessions of
     * the process at the site that started in it (all their events), split by whether they ran
     * the rollout's version.
     */
    async figures(r: Rollout, now: Date): Promise<{ group: Figures; rest: Figures; from: string; to: string }> {
      const from = r.startedAt;
      const to = r.endedAt ?? now.toISOString();
      const params = [r.siteId, r.processKey, from, to, r.versionNumber];
      const hash = `(SELECT hash FROM versions WHERE process_key = $2 AND number = $5)`;
      const [sessions, heard] = await Promise.all([
        db.query<{ in_group: boolean; sessions: number; ended: number; errors: number; completed: number; mean_task_ms: number | string | null }>(
          `SELECT s.version_hash = ${hash} AS in_group, count(*)::int AS sessions,
                  count(*) FILTER (WHERE s.ended)::int AS ended,
                  count(*) FILTER (WHERE s.ended AND s.outcome = 'error')::int AS errors,
                  count(*) FILTER (WHERE s.ended AND coalesce(s.outcome, 'completed') = 'completed')::int AS completed,
                  avg(extract(epoch FROM s.last_at - s.started_at) * 1000) FILTER (WHERE s.ended AND coalesce(s.outcome, 'completed') = 'completed')::float8 AS mean_task_ms
             FROM dialog_sessions s
            WHERE s.site_id = $1 AND s.process_key = $2 AND s.started_at >= $3::timestamptz AND s.started_at < $4::timestamptz
            GROUP BY 1`, params),
        db.query<{ in_group: boolean; hypotheses: number; no_matches: number }>(
          `SELECT e.version_hash = ${hash} AS in_group,
                  count(*) FILTER (WHERE e.type = 'hypothesis')::int AS hypotheses, count(*) FILTER (WHERE e.type = 'nomatch')::int AS no_matches
             FROM dialog_events e JOIN dialog_sessions s ON s.session_id = e.session_id
            WHERE e.site_id = $1 AND e.ts >= $3::timestamptz AND e.process_key = $2 AND e.type IN ('hypothesis', 'nomatch')
              AND s.started_at >= $3::timestamptz AND s.started_at < $4::timestamptz
            GROUP BY 1`, params),
      ]);
      const sides = { group: empty(), rest: empty() };
      for (const s of sessions.rows) {
        const f = sides[s.in_group ? 'group' : 'rest'];
        Object.assign(f, { sessions: s.sessions, ended: s.ended, errors: s.errors, completed: s.completed, meanTaskMs: s.mean_task_ms === null ? null : Number(s.mean_task_ms) });
        f.errorRate = s.ended > 0 ? s.errors / s.ended : null;
      }
      for (const h of heard.rows) {
        const f = sides[h.in_group ? 'group' : 'rest'];
        Object.assign(f, { hypotheses: h.hypotheses, noMatches: h.no_matches, noMatchRate: h.hypotheses > 0 ? h.no_matches / h.hypotheses : null });
      }
      return { ...sides, from, to };
    },
  };
}
export type RolloutsRepository = ReturnType<typeof rolloutsRepository>;
