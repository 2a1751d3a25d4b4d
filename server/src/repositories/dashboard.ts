/**
 * Dashboard figures: SQL over the dialog log (dialog_events) and its per-session summary
 * (dialog_sessions), the same text on PostgreSQL and PGlite. Buckets are UTC hours or days.
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

/** The SQL of the three dashboard queries (the benchmark times these very texts). */
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
    const w = where(f, 'ts', params);
    return {
      text: `SELECT date_trunc($1, ts, 'UTC') AS at,
                    count(*) FILTER (WHERE type = 'hypothesis') AS answers,
                    count(*) FILTER (WHERE type = 'nomatch') AS no_matches,
                    count(*) FILTER (WHERE type = 'hypothesis' AND data->>'matched' = 'repeat') AS repeats,
                    count(*) FILTER (WHERE type = 'wms.request') AS wms_requests,
                    count(*) FILTER (WHERE type = 'wms.error') AS wms_errors
               FROM dialog_events WHERE ${w} AND type IN ('hypothesis', 'nomatch', 'wms.request', 'wms.error') GROUP BY 1`,
      params,
    };
  },
  /**
   * Per state: answers, no-matches, repeats, and the two waits. The waits pair neighbours in a
   * session's order among prompts, answers and pauses/resumes, so a pause never counts as a wait.
   */
  nodes(f: NodeFilter) {
    const params: unknown[] = [];
    const w = where(f, 'ts', params);
    return {
      text: `WITH ev AS (
               SELECT session_id, seq, ts, type, state, CASE WHEN type = 'hypothesis' THEN data->>'matched' END AS matched
                 FROM dialog_events WHERE ${w} AND type IN ('prompt', 'hypothesis', 'nomatch', 'session.resume', 'session.end')
             ), paired AS (
               SELECT type, state, matched, ts,
                      lag(type) OVER w AS prev_type, lag(state) OVER w AS prev_state, lag(ts) OVER w AS prev_ts, lag(matched) OVER w AS prev_matched
                 FROM ev WHERE type <> 'nomatch' WINDOW w AS (PARTITION BY session_id ORDER BY seq)
             ), per_state AS (
               SELECT state, count(*) FILTER (WHERE type = 'hypothesis') AS answers,
                      count(*) FILTER (WHERE type = 'hypothesis' AND matched = 'repeat') AS repeats,
                      sum(extract(epoch FROM ts - prev_ts) * 1000) FILTER (WHERE type = 'hypothesis' AND prev_type = 'prompt' AND prev_state = state) AS p2a_sum,
                      count(*) FILTER (WHERE type = 'hypothesis' AND prev_type = 'prompt' AND prev_state = state) AS p2a_n
                 FROM paired WHERE state IS NOT NULL GROUP BY state
             ), after_answer AS (
               SELECT prev_state AS state, sum(extract(epoch FROM ts - prev_ts) * 1000) AS a2p_sum, count(*) AS a2p_n
                 FROM paired WHERE type = 'prompt' AND prev_type = 'hypothesis' AND prev_state IS NOT NULL
                      AND prev_matched IS NOT NULL AND prev_matched NOT IN ('repeat', 'help')
                GROUP BY prev_state
             ), nomatch AS (
               SELECT state, count(*) AS no_matches FROM ev WHERE type = 'nomatch' AND state IS NOT NULL GROUP BY state
             )
             SELECT s.state, s.answers, coalesce(n.no_matches, 0) AS no_matches, s.repeats, s.p2a_sum, s.p2a_n, a.a2p_sum, a.a2p_n
               FROM per_state s LEFT JOIN nomatch n USING (state) LEFT JOIN after_answer a USING (state)
              WHERE s.answers > 0 OR n.no_matches > 0 OR a.a2p_n > 0
              ORDER BY s.state`,
      params,
    };
  },
};

export function dashboardRepository(db: Db) {
  return {
    /** One row per bucket of the period, empty buckets included (zeros, rates null). */
    async summary(f: DashboardFilter): Promise<BucketFigures[]> {
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
