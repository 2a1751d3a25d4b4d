import type { DialogEvent } from '@voiceman/runtime';
import type { Db } from '../db/db.js';
import { numberArrayLiteral, textArrayLiteral } from '../db/array-literal.js';
import { DUPLICATE_TABLE, likeLiteral, pgErrorCode } from '../db/db.js';
import { addMonths, monthNumber, monthOf, monthStartDate, retentionStart, type Month } from '../months.js';

/** A dialog event that passed validation (see validate-event.ts): the runtime's own type. */
export type IncomingEvent = DialogEvent;

export interface IngestResult {
  stored: string[];
  duplicates: string[];
  rejected: { id: string; code: string; message: string }[];
}

export interface SessionFilter {
  siteId?: string;
  terminalId?: string;
  operatorId?: string;
  processKey?: string;
  /** Version number (with processKey) or a prefix of the version hash. */
  version?: string;
  from?: Date;
  to?: Date;
  outcome?: string;
}

export interface SessionRow {
  sessionId: string;
  siteId: string;
  terminalId: string;
  operatorId: string | null;
  processKey: string;
  versionHash: string;
  versionNumber: number | null;
  startedAt: string;
  lastAt: string;
  eventCount: number;
  errorCount: number;
  outcome: string;
  /** How a completed dialog ended, as its process names it (the end node's outcome); null when it names none. */
  endOutcome: string | null;
}

export interface StoredEvent {
  id: string;
  seq: number;
  ts: number;
  type: string;
  state: string | null;
  data: Record<string, unknown>;
}

const partitionName = (m: Month) => `dialog_events_p${monthNumber(m)}`;

/**
 * Shown outcome: an ended session's outcome (`completed`, `error`, or `switched`: completed by a
 * terminal taking a new version at a switch point, continued in a new session); a session whose latest
 * pause (a `stopped` end) came after its latest resume is `paused`; otherwise `error` when
 * errors happened, else `open`.
 */
export const OUTCOME = `CASE WHEN s.ended THEN coalesce(s.outcome, 'completed')
  WHEN s.paused_seq IS NOT NULL AND s.paused_seq > coalesce(s.resumed_seq, -1) THEN 'paused'
  WHEN s.error_count > 0 THEN 'error' ELSE 'open' END`;

interface SessionDbRow {
  session_id: string; site_id: string; terminal_id: string; operator_id: string | null; process_key: string;
  version_hash: string; number: number | null; started_at: Date | string; last_at: Date | string;
  event_count: number; error_count: number; outcome: string; end_outcome: string | null;
}
const toSession = (r: SessionDbRow): SessionRow => ({
  sessionId: r.session_id,
  siteId: r.site_id,
  terminalId: r.terminal_id,
  operatorId: r.operator_id,
  processKey: r.process_key,
  versionHash: r.version_hash,
  versionNumber: r.number,
  startedAt: new Date(r.started_at).toISOString(),
  lastAt: new Date(r.last_at).toISOString(),
  eventCount: r.event_count,
  errorCount: r.error_count,
  outcome: r.outcome,
  endOutcome: r.end_outcome ?? null,
});

/** One page of a session's timeline ($1 session, $2 after this seq): keyset paging on the session index (a test EXPLAINs this very text). */
export const timelinePageSql = (limit: number) =>
  `SELECT id, seq, ts, type, state, data FROM dialog_events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT ${Math.trunc(limit)}`;

export function eventsRepository(db: Db) {
  const knownPartitions = new Set<string>();

  /** Monthly partitions appear on demand; names and bounds come from integers, never from input text. */
  async function ensurePartitions(events: IncomingEvent[]): Promise<void> {
    const months = new Map<number, Month>();
    for (const e of events) {
      const m = monthOf(e.ts);
      months.set(monthNumber(m), m);
    }
    for (const m of months.values()) {
      const name = partitionName(m);
      if (knownPartitions.has(name)) continue;
      try {
        await db.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF dialog_events FOR VALUES FROM ('${monthStartDate(m)}') TO ('${monthStartDate(addMonths(m, 1))}')`,
        );
      } catch (err) {
        // Two ingests racing to create the same month: the other one won, which is fine.
        if (pgErrorCode(err) !== DUPLICATE_TABLE && pgErrorCode(err) !== '23505') throw err;
      }
      knownPartitions.add(name);
    }
  }

  return {
    /**
     * Idempotent, order-independent batch insert. Keys first (unique (session, seq), holding the
     * event's id); only the rows whose key went in are written to the partitioned table, in the
     * same statement.
     */
    async ingest(siteId: string, events: IncomingEvent[]): Promise<IngestResult> {
      const result: IngestResult = { stored: [], duplicates: [], rejected: [] };
      const seen = new Set<string>();
      const unique: IncomingEvent[] = [];
      for (const e of events) {
        if (seen.has(e.id)) result.duplicates.push(e.id);
        else {
          seen.add(e.id);
          unique.push(e);
        }
      }
      if (unique.length === 0) return result;
      await ensurePartitions(unique);
      // One statement (atomic on its own, one round trip): keys first, then only the rows whose
      // key went in, then the per-session summary from exactly those rows.
      // Text columns repeat across a batch (one terminal, a few sessions, one version hash of 64
      // characters, a handful of types and states): each is sent once, in $13, and rows carry
      // 1-based positions in it (0 for null: out-of-range subscripts read NULL). Half the bytes
      // to send and for PostgreSQL to parse.
      const n = unique.length;
      const words: string[] = [];
      const position = new Map<string, number>();
      const ref = (text: string | null): number => {
        if (text === null) return 0;
        let at = position.get(text);
        if (at === undefined) position.set(text, (at = words.push(text)));
        return at;
      };
      const cols = {
        id: new Array<string>(n), sessionId: new Array<number>(n), seq: new Array<number>(n), ts: new Array<number>(n),
        terminalId: new Array<number>(n), operatorId: new Array<number>(n), processKey: new Array<number>(n),
        versionHash: new Array<number>(n), type: new Array<number>(n), state: new Array<number>(n), data: new Array<unknown>(n),
      };
      for (let i = 0; i < n; i++) {
        const e = unique[i]!;
        cols.id[i] = e.id; cols.sessionId[i] = ref(e.sessionId); cols.seq[i] = e.seq; cols.ts[i] = e.ts; cols.terminalId[i] = ref(e.terminalId);
        cols.operatorId[i] = ref(e.operatorId); cols.processKey[i] = ref(e.processKey); cols.versionHash[i] = ref(e.versionHash); cols.type[i] = ref(e.type);
        cols.state[i] = ref(e.state); cols.data[i] = e.data;
      }
      const { rows: out } = await db.query<{ kind: 'n' | 'o'; a: string; b: string | null }>(
        `WITH x AS (
           SELECT u.id, w[u.s] AS "sessionId", u.seq, u.ts, w[u.t] AS "terminalId", w[u.o] AS "operatorId", w[u.p] AS "processKey",
                  w[u.v] AS "versionHash", w[u.ty] AS type, w[u.st] AS state, u.n, $12::jsonb -> (u.n::int - 1) AS data
             FROM unnest($1::uuid[], $2::int4[], $3::int4[], $4::float8[], $5::int4[], $6::int4[], $7::int4[], $8::int4[], $9::int4[], $10::int4[])
                  WITH ORDINALITY AS u(id, s, seq, ts, t, o, p, v, ty, st, n),
                  (SELECT $13::text[] AS w) d
         ), o AS (
           -- First event wins: claims the session for its terminal, or returns the owner already
           -- recorded (DO UPDATE, unlike DO NOTHING, returns the conflicting row). Only the keys
           -- read mine; the events join the keys (which hold only owned events) with x, as a
           -- join of two CTE scans the planner under-estimates is a nested loop, 2x slower.
           INSERT INTO dialog_session_owners (session_id, terminal_id)
           SELECT DISTINCT ON ("sessionId") "sessionId", "terminalId" FROM x ORDER BY "sessionId", n
           ON CONFLICT (session_id) DO UPDATE SET terminal_id = dialog_session_owners.terminal_id
           RETURNING session_id, terminal_id
         ), mine AS (
           SELECT x.* FROM x JOIN o ON o.session_id = x."sessionId" AND o.terminal_id = x."terminalId"
         ), k AS (
           INSERT INTO dialog_event_keys (id, session_id, seq, ts)
           SELECT x.id, x."sessionId", x.seq, to_timestamp(x.ts / 1000.0) FROM mine x
           ON CONFLICT DO NOTHING RETURNING id
         ), e AS (
           INSERT INTO dialog_events (id, session_id, seq, ts, site_id, terminal_id, operator_id, process_key, version_hash, type, state, data)
           SELECT x.id, x."sessionId", x.seq, to_timestamp(x.ts / 1000.0), $11, x."terminalId", x."operatorId", x."processKey",
                  x."versionHash", x.type, x.state, x.data
             FROM x JOIN k ON k.id = x.id
           RETURNING session_id, seq, ts, terminal_id, operator_id, process_key, version_hash, type, data
         ), s AS (
           INSERT INTO dialog_sessions (session_id, site_id, terminal_id, operator_id, process_key, version_hash, started_at, last_at,
                                        event_count, error_count, ended, outcome, paused_seq, resumed_seq, end_outcome)
           SELECT session_id, $11, min(terminal_id), min(operator_id), min(process_key), min(version_hash), min(ts), max(ts),
                  count(*), count(*) FILTER (WHERE type IN ('error', 'wms.error')), bool_or(type = 'session.end' AND data->>'status' IN ('done', 'error', 'switched')),
                  max(CASE WHEN type <> 'session.end' THEN NULL WHEN data->>'status' = 'done' THEN 'completed' WHEN data->>'status' = 'error' THEN 'error'
                           WHEN data->>'status' = 'switched' THEN 'switched' END),
                  max(seq) FILTER (WHERE type = 'session.end' AND data->>'status' = 'stopped'),
                  max(seq) FILTER (WHERE type = 'session.resume'),
                  max(data->>'outcome') FILTER (WHERE type = 'session.end' AND data->>'status' = 'done')
             FROM e GROUP BY session_id
           ON CONFLICT (session_id) DO UPDATE SET
             started_at = least(dialog_sessions.started_at, EXCLUDED.started_at),
             last_at = greatest(dialog_sessions.last_at, EXCLUDED.last_at),
             event_count = dialog_sessions.event_count + EXCLUDED.event_count,
             error_count = dialog_sessions.error_count + EXCLUDED.error_count,
             ended = dialog_sessions.ended OR EXCLUDED.ended,
             outcome = coalesce(EXCLUDED.outcome, dialog_sessions.outcome),
             paused_seq = greatest(dialog_sessions.paused_seq, EXCLUDED.paused_seq),
             resumed_seq = greatest(dialog_sessions.resumed_seq, EXCLUDED.resumed_seq),
             operator_id = coalesce(dialog_sessions.operator_id, EXCLUDED.operator_id),
             end_outcome = coalesce(EXCLUDED.end_outcome, dialog_sessions.end_outcome)
         )
         -- The events whose key did not go in (none, on the common path: no row per stored event
         -- to send and parse), and each session's owner.
         SELECT 'n' AS kind, x.id::text AS a, NULL AS b FROM x WHERE NOT EXISTS (SELECT 1 FROM k WHERE k.id = x.id)
         UNION ALL SELECT 'o', session_id, terminal_id FROM o`,
        // Array literals built here in one pass (numbers were checked finite): see array-literal.ts.
        [
          textArrayLiteral(cols.id), numberArrayLiteral(cols.sessionId), numberArrayLiteral(cols.seq), numberArrayLiteral(cols.ts),
          numberArrayLiteral(cols.terminalId), numberArrayLiteral(cols.operatorId), numberArrayLiteral(cols.processKey),
          numberArrayLiteral(cols.versionHash), numberArrayLiteral(cols.type), numberArrayLiteral(cols.state), siteId, JSON.stringify(cols.data),
          textArrayLiteral(words),
        ],
        // Prepared once per connection: the planner's work on this CTE is ~5% of the database CPU of a batch.
        { name: 'voiceman_ingest_v5' },
      );
      const notStored = new Set<string>();
      const owners = new Map<string, string>();
      for (const r of out) {
        if (r.kind === 'n') notStored.add(r.a);
        else owners.set(r.a, r.b!);
      }
      const notYours = (e: IncomingEvent) => owners.get(e.sessionId) !== e.terminalId;
      const missing = notStored.size ? unique.filter((e) => notStored.has(e.id) && !notYours(e)) : [];
      // A key that did not go in is held by this very event (a retry: same id at its (session,
      // seq)) or by another event at that (session, seq).
      const holder = new Map<string, string>();
      if (missing.length) {
        const { rows } = await db.query<{ s: string; q: number; id: string }>(
          `SELECT k.session_id AS s, k.seq AS q, k.id::text AS id
             FROM dialog_event_keys k JOIN unnest($1::text[], $2::int4[]) m(s, q) ON k.session_id = m.s AND k.seq = m.q`,
          [textArrayLiteral(missing.map((e) => e.sessionId)), numberArrayLiteral(missing.map((e) => e.seq))],
        );
        for (const r of rows) holder.set(`${r.q}\u0000${r.s}`, r.id);
      }
      for (const e of unique) {
        if (!notStored.has(e.id)) result.stored.push(e.id);
        else if (notYours(e)) result.rejected.push({ id: e.id, code: 'session_not_yours', message: `session ${e.sessionId} was started by another terminal` });
        else if (holder.get(`${e.seq}\u0000${e.sessionId}`) === e.id) result.duplicates.push(e.id);
        else result.rejected.push({ id: e.id, code: 'seq_taken', message: `session ${e.sessionId} already has an event with seq ${e.seq}` });
      }
      return result;
    },

    /** Drops the monthly partitions that lie wholly before the start of the month `months` ago. */
    async dropOlderThan(months: number, now: Date = new Date()): Promise<string[]> {
      const keep = monthOf(retentionStart(months, now));
      const cutoff = monthNumber(keep);
      const { rows } = await db.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
          WHERE p.relname = 'dialog_events'`,
      );
      const dropped: string[] = [];
      for (const { name } of rows) {
        const m = /^dialog_events_p(\d{4})(\d{2})$/.exec(name);
        if (!m || Number(m[1]) * 100 + Number(m[2]) >= cutoff) continue;
        await db.query(`DROP TABLE IF EXISTS ${name}`);
        knownPartitions.delete(name);
        dropped.push(name);
      }
      const cutoffDate = monthStartDate(keep);
      // A session's keys go with it (its last_at bounds their ts), through the key table's
      // (session_id, seq) unique key: the key table has no ts index to scan (migration 020).
      await db.query(
        `DELETE FROM dialog_event_keys k USING dialog_sessions s WHERE s.last_at < $1::timestamptz AND k.session_id = s.session_id`,
        [cutoffDate],
      );
      await db.query('DELETE FROM dialog_sessions WHERE last_at < $1::timestamptz', [cutoffDate]);
      // A session whose events are all gone may be claimed again; one still running keeps its owner.
      await db.query(
        `DELETE FROM dialog_session_owners o WHERE o.claimed_at < $1::timestamptz
            AND NOT EXISTS (SELECT 1 FROM dialog_sessions s WHERE s.session_id = o.session_id)`,
        [cutoffDate],
      );
      return dropped.sort();
    },

    async partitions(): Promise<string[]> {
      const { rows } = await db.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
          WHERE p.relname = 'dialog_events' ORDER BY 1`,
      );
      return rows.map((r) => r.name);
    },

    async listSessions(f: SessionFilter, page: number, pageSize: number): Promise<{ sessions: SessionRow[]; total: number }> {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (f.siteId) add('s.site_id = ?', f.siteId);
      if (f.terminalId) add('s.terminal_id = ?', f.terminalId);
      if (f.operatorId) add('s.operator_id = ?', f.operatorId);
      if (f.processKey) add('s.process_key = ?', f.processKey);
      // Version numbers are int4: a larger one matches nothing (compared as int4 it would be an SQL error, a 500).
      if (f.version && /^\d+$/.test(f.version)) {
        const n = Number(f.version);
        if (n <= 2_147_483_647) add('v.number = ?', n);
        else where.push('FALSE');
      }
      else if (f.version) add(`s.version_hash LIKE ? || '%'`, likeLiteral(f.version));
      if (f.from) add('s.started_at >= ?', f.from.toISOString());
      if (f.to) add('s.started_at < ?', f.to.toISOString());
      if (f.outcome) add(`${OUTCOME} = ?`, f.outcome);
      const from = `FROM dialog_sessions s LEFT JOIN versions v ON v.process_key = s.process_key AND v.hash = s.version_hash
                    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
      const { rows } = await db.query<SessionDbRow>(
        `SELECT s.session_id, s.site_id, s.terminal_id, s.operator_id, s.process_key, s.version_hash, s.started_at, s.last_at, s.event_count, s.error_count, v.number, ${OUTCOME} AS outcome, s.end_outcome ${from} ORDER BY s.started_at DESC, s.session_id
          LIMIT ${Math.trunc(pageSize)} OFFSET ${Math.trunc((page - 1) * pageSize)}`,
        params,
      );
      return {
        total: total.rows[0]?.n ?? 0,
        sessions: rows.map(toSession),
      };
    },

    /**
     * A session and one page of its timeline: the events after `afterSeq` (keyset paging on the
     * session index, so a page costs the same however long the session is); `more` when events follow.
     */
    async session(sessionId: string, page: { afterSeq?: number; limit?: number } = {}): Promise<{ session: SessionRow; events: StoredEvent[]; more: boolean } | undefined> {
      const s = await db.query<SessionDbRow>(
        `SELECT s.session_id, s.site_id, s.terminal_id, s.operator_id, s.process_key, s.version_hash, s.started_at, s.last_at, s.event_count, s.error_count, v.number, ${OUTCOME} AS outcome, s.end_outcome FROM dialog_sessions s
           LEFT JOIN versions v ON v.process_key = s.process_key AND v.hash = s.version_hash WHERE s.session_id = $1`,
        [sessionId],
      );
      if (!s.rows[0]) return undefined;
      const limit = Math.max(1, Math.trunc(page.limit ?? 100_000));
      const ev = await db.query<{ id: string; seq: number; ts: Date | string; type: string; state: string | null; data: Record<string, unknown> }>(
        timelinePageSql(limit + 1),
        [sessionId, page.afterSeq ?? -1],
      );
      return {
        session: toSession(s.rows[0]),
        events: ev.rows.slice(0, limit).map((e) => ({ id: e.id, seq: e.seq, ts: new Date(e.ts).getTime(), type: e.type, state: e.state, data: e.data })),
        more: ev.rows.length > limit,
      };
    },
  };
}
export type EventsRepository = ReturnType<typeof eventsRepository>;
