/**
 * Dashboard figures: SQL over the dialog log (dialog_events) and its per-session summary
 * (dialog_sessions), the same text on PostgreSQL and PGlite. Buckets are UTC hours or days.
 * Event figures come from an hourly rollup (migration 016), brought up to date for the period
 * before each read, so a month of a large site reads thousands of rows, not millions.
 *
 * Definitions (docs/api.md repeats them for readers of the API):
 * - sessions: sessions that started in the bucket (dialog_sessions.started_at);
 * - completion rate: of those that ended, the share that ended `done` (an `error` end counts
 *   against it; a `switched` end, continued in a new session, counts neither way);
 * - mean task time: start to last event of the sessions that ended `done`;
 * - no-match rate: `nomatch` events per `hypothesis` event (each recognised utterance);
 * - repeat rate: hypotheses that matched the built-in word "repeat" per hypothesis;
 * - WMS error rate: `wms.error` events per `wms.request` (each attempt ends in one response or one error).
 */
import type { BucketFigures, NodeFigures } from '../api-types.js';
import type { Db } from '../db/db.js';

export type { BucketFigures, NodeFigures };

export type Bucket = 'hour' | 'day';

export interface DashboardFilter {
  siteId: string;
  processKey?: string;
  from: Date;
  to: Date;
  bucket: Bucket;
}


export interface NodeFilter {
  processKey: string;
  siteId?: string;
  from: Date;
  to: Date;
}


const HOUR_MS = 3_600_000;
const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
/** A period as the rollup holds it: whole UTC hours, `from` rounded down and `to` up. */
export const wholeHours = (from: Date, to: Date) => ({ from: floorHour(from), to: new Date(Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS) });
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const num = (v: unknown) => Number(v ?? 0);
const mean = (sum: unknown, n: unknown) => (num(n) > 0 ? num(sum) / num(n) : null);

/** Every bucket start in [from, to), UTC. */
export function bucketStarts(from: Date, to: Date, bucket: Bucket): number[] {
  const start = new Date(from);
  if (bucket === 'hour') start.setUTCMinutes(0, 0, 0);
  else start.setUTCHours(0, 0, 0, 0);
  const step = bucket === 'hour' ? HOUR_MS : 24 * HOUR_MS;
  const out: number[] = [];
  for (let t = start.getTime(); t < to.getTime(); t += step) out.push(t);
  return out;
}

/** `$n` placeholders for a filter: site (optional), process (optional), period. */
function where(f: { siteId?: string; processKey?: string; from: Date; to: Date }, ts: string, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (f.siteId !== undefined) add('site_id = ?', f.siteId);
  if (f.processKey !== undefined) add('process_key = ?', f.processKey);
  add(`${ts} >= ?::timestamptz`, f.from.toISOString());
  add(`${ts} < ?::timestamptz`, f.to.toISOString());
  return parts.join(' AND ');
}

/**
 * Recomputes the rollup of one run of consecutive hours [$3, $4) of one site ($1) and process ($2)
 * from the events: one range scan, one window over the run. Waits pair neighbours in a session's
 * order among prompts, answers, pauses and resumes (so a pause is never a wait), looking 30
 * minutes back before the run.
 */
const ROLLUP_SQL = `
WITH ev AS (
  SELECT session_id, seq, ts, type, coalesce(state, '') AS state, CASE WHEN type = 'hypothesis' THEN data->>'matched' END AS matched
    FROM dialog_events
   WHERE site_id = $1 AND process_key = $2 AND ts >= $3::timestamptz - interval '30 minutes' AND ts < $4::timestamptz
     AND type IN ('prompt', 'hypothesis', 'nomatch', 'session.resume', 'session.end', 'wms.request', 'wms.error')
), paired AS (
  SELECT ts, type, state, matched,
         lag(type) OVER w AS prev_type, lag(state) OVER w AS prev_state, lag(ts) OVER w AS prev_ts, lag(matched) OVER w AS prev_matched
    FROM ev WHERE type IN ('prompt', 'hypothesis', 'session.resume', 'session.end')
  WINDOW w AS (PARTITION BY session_id ORDER BY seq)
), parts AS (
  SELECT date_trunc('hour', ts, 'UTC') AS hour, state,
         count(*) AS answers,
         count(*) FILTER (WHERE matched = 'repeat') AS repeats,
         coalesce(sum(extract(epoch FROM ts - prev_ts) * 1000) FILTER (WHERE prev_type = 'prompt' AND prev_state = state), 0)::float8 AS p2a_sum,
         count(*) FILTER (WHERE prev_type = 'prompt' AND prev_state = state) AS p2a_n,
         0::bigint AS no_matches, 0::bigint AS wms_requests, 0::bigint AS wms_errors, 0::float8 AS a2p_sum, 0::bigint AS a2p_n
    FROM paired WHERE ts >= $3::timestamptz AND type = 'hypothesis' GROUP BY 1, 2
  UNION ALL
  SELECT date_trunc('hour', ts, 'UTC'), prev_state, 0, 0, 0, 0, 0, 0, 0, sum(extract(epoch FROM ts - prev_ts) * 1000)::float8, count(*)
    FROM paired WHERE ts >= $3::timestamptz AND type = 'prompt' AND prev_type = 'hypothesis' AND prev_state <> ''
         AND prev_matched IS NOT NULL AND prev_matched NOT IN ('repeat', 'help')
   GROUP BY 1, 2
  UNION ALL
  SELECT date_trunc('hour', ts, 'UTC'), state, 0, 0, 0, 0,
         count(*) FILTER (WHERE type = 'nomatch'), count(*) FILTER (WHERE type = 'wms.request'), count(*) FILTER (WHERE type = 'wms.error'), 0, 0
    FROM ev WHERE ts >= $3::timestamptz AND type IN ('nomatch', 'wms.request', 'wms.error') GROUP BY 1, 2
)
INSERT INTO dialog_rollup_hourly (site_id, process_key, hour, state, answers, no_matches, repeats, wms_requests, wms_errors, p2a_sum, p2a_n, a2p_sum, a2p_n)
SELECT $1, $2, hour, state, sum(answers), sum(no_matches), sum(repeats), sum(wms_requests), sum(wms_errors), sum(p2a_sum), sum(p2a_n), sum(a2p_sum), sum(a2p_n)
  FROM parts GROUP BY hour, state`;

/** Claimed (site, process, hour) triples as runs of consecutive hours: one scan each. */
export function hourRuns(claimed: readonly { siteId: string; processKey: string; hour: number }[]): { siteId: string; processKey: string; from: number; to: number }[] {
  const sorted = [...claimed].sort((a, b) => (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : a.processKey < b.processKey ? -1 : a.processKey > b.processKey ? 1 : a.hour - b.hour));
  const runs: { siteId: string; processKey: string; from: number; to: number }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.siteId === c.siteId && last.processKey === c.processKey && last.to === c.hour) last.to = c.hour + HOUR_MS;
    else runs.push({ siteId: c.siteId, processKey: c.processKey, from: c.hour, to: c.hour + HOUR_MS });
  }
  return runs;
}

/** The SQL of the dashboard's reads (the benchmark times them through the repository). */
export const dashboardSql = {
  sessions(f: DashboardFilter) {
    const params: unknown[] = [f.bucket];
    const w = where(f, 'started_at', params);
    return {
      text: `SELECT date_trunc($1, started_at, 'UTC') AS at, count(*) AS sessions,
                    count(*) FILTER (WHERE ended AND coalesce(outcome, 'completed') = 'completed') AS completed,
                    count(*) FILTER (WHERE ended AND outcome = 'error') AS failed,
                    sum(extract(epoch FROM last_at - started_at) * 1000) FILTER (WHERE ended AND coalesce(outcome, 'completed') = 'completed') AS task_ms
               FROM dialog_sessions WHERE ${w} GROUP BY 1`,
      params,
    };
  },
  events(f: DashboardFilter) {
    const params: unknown[] = [f.bucket];
    const w = where(f, 'hour', params);
    return {
      text: `SELECT date_trunc($1, hour, 'UTC') AS at, sum(answers) AS answers, sum(no_matches) AS no_matches, sum(repeats) AS repeats,
                    sum(wms_requests) AS wms_requests, sum(wms_errors) AS wms_errors
               FROM dialog_rollup_hourly WHERE ${w} GROUP BY 1`,
      params,
    };
  },
  nodes(f: NodeFilter) {
    const params: unknown[] = [];
    const w = where(f, 'hour', params);
    return {
      text: `SELECT state, sum(answers) AS answers, sum(no_matches) AS no_matches, sum(repeats) AS repeats,
                    sum(p2a_sum) AS p2a_sum, sum(p2a_n) AS p2a_n, sum(a2p_sum) AS a2p_sum, sum(a2p_n) AS a2p_n
               FROM dialog_rollup_hourly WHERE ${w} AND state <> ''
              GROUP BY state HAVING sum(answers) > 0 OR sum(no_matches) > 0 OR sum(a2p_n) > 0 ORDER BY state`,
      params,
    };
  },
};

export function dashboardRepository(db: Db) {
  /**
   * Brings the rollup of a period up to date: claims the dirty hours (marked by the insert
   * trigger, migration 016) and recomputes them, in one transaction. An event inserted while this
   * runs marks its hour dirty again, so it is counted by the next read.
   */
  async function refresh(f: { siteId?: string; processKey?: string; from: Date; to: Date }): Promise<number> {
    return db.transaction(async (tx) => {
      const params: unknown[] = [];
      const w = where({ ...f, from: floorHour(f.from) }, 'hour', params);
      const { rows } = await tx.query<{ site_id: string; process_key: string; hour: Date | string }>(
        `DELETE FROM dialog_rollup_dirty WHERE ${w} RETURNING site_id, process_key, hour`, params);
      if (rows.length === 0) return 0;
      for (const run of hourRuns(rows.map((r) => ({ siteId: r.site_id, processKey: r.process_key, hour: new Date(r.hour).getTime() })))) {
        const params = [run.siteId, run.processKey, new Date(run.from).toISOString(), new Date(run.to).toISOString()];
        await tx.query('DELETE FROM dialog_rollup_hourly WHERE site_id = $1 AND process_key = $2 AND hour >= $3::timestamptz AND hour < $4::timestamptz', params);
        await tx.query(ROLLUP_SQL, params);
      }
      return rows.length;
    });
  }

  return {
    refresh,
    /** One row per bucket of the period, empty buckets included (zeros, rates null). */
    async summary(f: DashboardFilter): Promise<BucketFigures[]> {
      await refresh(f);
      const s = dashboardSql.sessions(f);
      const e = dashboardSql.events(f);
      const [sessions, events] = await Promise.all([db.query<Record<string, unknown>>(s.text, s.params), db.query<Record<string, unknown>>(e.text, e.params)]);
      const byAt = <R extends Record<string, unknown>>(rows: R[]) => new Map(rows.map((r) => [new Date(r.at as string | Date).getTime(), r]));
      const ss = byAt(sessions.rows);
      const es = byAt(events.rows);
      const hours = f.bucket === 'hour' ? 1 : 24;
      return bucketStarts(f.from, f.to, f.bucket).map((at) => {
        const a = ss.get(at) ?? {};
        const b = es.get(at) ?? {};
        const completed = num(a.completed);
        const failed = num(a.failed);
        const answers = num(b.answers);
        return {
          at: new Date(at).toISOString(),
          sessions: num(a.sessions),
          sessionsPerHour: num(a.sessions) / hours,
          completed,
          failed,
          completionRate: rate(completed, completed + failed),
          meanTaskMs: mean(a.task_ms, completed),
          answers,
          noMatches: num(b.no_matches),
          repeats: num(b.repeats),
          noMatchRate: rate(num(b.no_matches), answers),
          repeatRate: rate(num(b.repeats), answers),
          wmsRequests: num(b.wms_requests),
          wmsErrors: num(b.wms_errors),
          wmsErrorRate: rate(num(b.wms_errors), num(b.wms_requests)),
        };
      });
    },

    async nodes(f: NodeFilter): Promise<NodeFigures[]> {
      await refresh(f);
      const q = dashboardSql.nodes(f);
      const { rows } = await db.query<Record<string, unknown>>(q.text, q.params);
      return rows.map((r) => ({
        state: r.state as string,
        answers: num(r.answers),
        noMatches: num(r.no_matches),
        repeats: num(r.repeats),
        noMatchRate: rate(num(r.no_matches), num(r.answers)),
        repeatRate: rate(num(r.repeats), num(r.answers)),
        promptToAnswerMs: mean(r.p2a_sum, r.p2a_n),
        answerToNextPromptMs: mean(r.a2p_sum, r.a2p_n),
      }));
    },
  };
}
export type DashboardRepository = ReturnType<typeof dashboardRepository>;

/** Totals over buckets: counts summed, rates from the summed counts (not a mean of rates). */
export function totals(buckets: BucketFigures[], f: Pick<DashboardFilter, 'from' | 'to'>): Omit<BucketFigures, 'at'> {
  const sum = (k: keyof BucketFigures) => buckets.reduce((acc, b) => acc + (b[k] as number), 0);
  const completed = sum('completed');
  const failed = sum('failed');
  const taskSum = buckets.reduce((acc, b) => acc + (b.meanTaskMs ?? 0) * b.completed, 0);
  const answers = sum('answers');
  const hours = Math.max(1, (f.to.getTime() - f.from.getTime()) / HOUR_MS);
  return {
    sessions: sum('sessions'),
    sessionsPerHour: sum('sessions') / hours,
    completed,
    failed,
    completionRate: rate(completed, completed + failed),
    meanTaskMs: mean(taskSum, completed),
    answers,
    noMatches: sum('noMatches'),
    repeats: sum('repeats'),
    noMatchRate: rate(sum('noMatches'), answers),
    repeatRate: rate(sum('repeats'), answers),
    wmsRequests: sum('wmsRequests'),
    wmsErrors: sum('wmsErrors'),
    wmsErrorRate: rate(sum('wmsErrors'), sum('wmsRequests')),
  };
}
