/** The dialog log as a replay reads it: which sessions a filter picks, and their events. */
import type { Db } from '../db/db.js';
import { OUTCOME, type StoredEvent } from './events.js';

import type { REPLAY_OUTCOMES } from '../replays/schemas.js';

export type ReplayOutcomeFilter = (typeof REPLAY_OUTCOMES)[number];

export interface ReplayFilter {
  processKey: string;
  siteId?: string;
  /** The published version the sessions ran. */
  version?: number;
  from?: Date;
  to?: Date;
  outcome?: ReplayOutcomeFilter;
  limit: number;
}

export interface PickedSession {
  sessionId: string;
  siteId: string;
  versionHash: string;
  version: number | null;
  startedAt: string;
  /** How the logged dialog ended, as its process names it (the end node's outcome); null when unnamed. */
  endOutcome: string | null;
}

/** The history's shown outcomes behind each replay outcome (a paused session is still open). */
const SHOWN: Record<ReplayOutcomeFilter, string[]> = { done: ['completed'], error: ['error'], open: ['open', 'paused'] };

export function replaysRepository(db: Db) {
  return {
    /** The newest sessions of a process matching the filter (the history's order). */
    async pick(f: ReplayFilter): Promise<PickedSession[]> {
      const params: unknown[] = [f.processKey];
      const where = ['s.process_key = $1'];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (f.siteId) add('s.site_id = ?', f.siteId);
      if (f.version !== undefined) add('v.number = ?', f.version);
      if (f.from) add('s.started_at >= ?', f.from.toISOString());
      if (f.to) add('s.started_at < ?', f.to.toISOString());
      if (f.outcome) add(`${OUTCOME} = ANY(?::text[])`, SHOWN[f.outcome]);
      params.push(Math.trunc(f.limit));
      const { rows } = await db.query<{ session_id: string; site_id: string; version_hash: string; number: number | null; started_at: Date | string; end_outcome: string | null }>(
        `SELECT s.session_id, s.site_id, s.version_hash, v.number, s.started_at, s.end_outcome
           FROM dialog_sessions s LEFT JOIN versions v ON v.process_key = s.process_key AND v.hash = s.version_hash
          WHERE ${where.join(' AND ')}
          ORDER BY s.started_at DESC, s.session_id LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => ({ sessionId: r.session_id, siteId: r.site_id, versionHash: r.version_hash, version: r.number, startedAt: new Date(r.started_at).toISOString(), endOutcome: r.end_outcome ?? null }));
    },

    /** Every event of these sessions, in seq order, by session (one query per batch of sessions). */
    async events(sessionIds: string[]): Promise<Map<string, StoredEvent[]>> {
      const out = new Map<string, StoredEvent[]>(sessionIds.map((id) => [id, []]));
      if (sessionIds.length === 0) return out;
      const { rows } = await db.query<{ session_id: string; id: string; seq: number; ts: Date | string; type: string; state: string | null; data: Record<string, unknown> }>(
        `SELECT session_id, id, seq, ts, type, state, data FROM dialog_events WHERE session_id = ANY($1::text[]) ORDER BY session_id, seq`,
        [sessionIds],
      );
      for (const r of rows) out.get(r.session_id)?.push({ id: r.id, seq: r.seq, ts: new Date(r.ts).getTime(), type: r.type, state: r.state, data: r.data });
      return out;
    },
  };
}
export type ReplaysRepository = ReturnType<typeof replaysRepository>;
