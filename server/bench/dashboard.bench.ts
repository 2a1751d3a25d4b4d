/**
 * Dashboard queries on a month of a large site: fills a throw-away PostgreSQL cluster with
 * BENCH_EVENTS dialog events (default 10 million; 50 a session, 200,000 sessions for 10 million)
 * by INSERT … SELECT generate_series in SQL, then times each dashboard query (the repository's own
 * SQL, through the repository, after the one-time rollup of the bulk load, itself timed) against a baseline measured in the same run: a plain count(*) of
 * the site's month of events. Prints a table and writes bench/results/dashboard.json.
 * Run: npm run bench:dashboard -w server   (heavy: minutes; say the load average with the figures)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { buildApp } from '../src/build.js';
import { startTestPostgres } from '../src/testing/postgres.js';
import { makeBatch } from './load.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const PER_SESSION = 50;
const SESSIONS = Math.ceil(EVENTS / PER_SESSION);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const INGEST_BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const SITE = 'big-dc';
const MONTH_START = '2026-11-01T00:00:00Z';
const MONTH_END = '2026-12-01T00:00:00Z';

/**
 * Session s starts at an even spread over the month; event k of it is 2 s after event k−1.
 * Event 0 starts, 49 ends (every 20th session in error); between them, 12 picks of four events:
 * prompt at state n<i>, the answer (every 37th a "repeat", every 11th no match), then a no-match or
 * a WMS request, then a WMS response (every 50th an error) or, after a no-match, a reprompt.
 * Processes: 60 % case-picking, 20 % replenishment, 20 % putaway.
 */
const FILL_EVENTS = `
INSERT INTO dialog_events (id, session_id, seq, ts, site_id, terminal_id, operator_id, process_key, version_hash, type, state, data)
SELECT gen_random_uuid(), 'bench-' || s, k, start + k * interval '2 seconds', '${SITE}', 't-' || (s % 400), 'op-' || (s % 400),
       CASE WHEN s % 10 < 6 THEN 'case-picking' WHEN s % 10 < 8 THEN 'replenishment' ELSE 'putaway' END, 'h1',
       t.type, CASE WHEN k IN (0, ${PER_SESSION - 1}) THEN NULL ELSE 'n' || ((k - 1) / 4) END,
       CASE t.type WHEN 'session.end' THEN jsonb_build_object('status', CASE WHEN s % 20 = 0 THEN 'error' ELSE 'done' END)
                   WHEN 'prompt' THEN jsonb_build_object('text', 'Go to aisle 12', 'reason', 'prompt')
                   WHEN 'hypothesis' THEN jsonb_build_object('text', 'four two', 'confidence', 0.9, 'matched', CASE WHEN (s + k) % 37 = 0 THEN 'repeat' WHEN (s + k) % 11 = 0 THEN NULL ELSE 'ok' END)
                   WHEN 'wms.request' THEN jsonb_build_object('method', 'POST', 'url', 'https://wms/pick', 'attempt', 1)
                   WHEN 'wms.error' THEN jsonb_build_object('message', 'HTTP 500', 'status', 500, 'ms', 80)
                   ELSE jsonb_build_object('status', 200, 'ms', 40) END
  FROM generate_series(0, ${SESSIONS - 1}) s,
       LATERAL (SELECT timestamptz '${MONTH_START}' + s * (interval '30 days' - interval '2 minutes') / ${SESSIONS} AS start) st,
       generate_series(0, ${PER_SESSION - 1}) k,
       LATERAL (SELECT CASE WHEN k = 0 THEN 'session.start' WHEN k = ${PER_SESSION - 1} THEN 'session.end'
                            WHEN (k - 1) % 4 = 0 THEN 'prompt' WHEN (k - 1) % 4 = 1 THEN 'hypothesis'
                            WHEN (k - 1) % 4 = 2 THEN CASE WHEN (s + k - 1) % 11 = 0 THEN 'nomatch' ELSE 'wms.request' END
                            ELSE CASE WHEN (s + k - 2) % 11 = 0 THEN 'prompt' WHEN (s + k) % 50 = 0 THEN 'wms.error' ELSE 'wms.response' END END AS type) t`;

/** The per-session summary the ingest keeps, derived from the events just written. */
const FILL_SESSIONS = `
INSERT INTO dialog_sessions (session_id, site_id, terminal_id, operator_id, process_key, version_hash, started_at, last_at, event_count, error_count, ended, outcome)
SELECT session_id, min(site_id), min(terminal_id), min(operator_id), min(process_key), 'h1', min(ts), max(ts), count(*),
       count(*) FILTER (WHERE type = 'wms.error'), true, max(CASE WHEN type = 'session.end' THEN CASE WHEN data->>'status' = 'done' THEN 'completed' ELSE 'error' END END)
  FROM dialog_events GROUP BY session_id`;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await run();
  return { ms: performance.now() - t0, result };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const pg = await startTestPostgres();
  try {
    const app = await buildApp({ databaseUrl: await pg.createDatabase('bench_dashboard'), adminPassword: 'bench-admin-password', designerDist: '/nonexistent' });
    const { db } = app;
    await db.query(`CREATE TABLE dialog_events_p202611 PARTITION OF dialog_events FOR VALUES FROM ('2026-11-01') TO ('2026-12-01')`);
    const fill = await timed(() => db.query(FILL_EVENTS));
    const sessions = await timed(() => db.query(FILL_SESSIONS));
    await db.query('VACUUM ANALYZE dialog_events_p202611');
    await db.query('VACUUM ANALYZE dialog_sessions');
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM dialog_events');
    console.log(`filled ${rows[0]!.n} events in ${(fill.ms / 1000).toFixed(0)} s, ${SESSIONS} sessions in ${(sessions.ms / 1000).toFixed(0)} s; load ${loadavg()[0]!.toFixed(1)}`);

    const from = new Date(MONTH_START);
    const to = new Date(MONTH_END);
    // The bulk load marked every hour dirty (migration 016's trigger): the first read recomputes the month once.
    const rollup = await timed(() => app.repos.dashboard.refresh({ siteId: SITE, from, to }));
    console.log(`rollup of the month (once, after the bulk load): ${rollup.result} hours in ${(rollup.ms / 1000).toFixed(1)} s; load ${loadavg()[0]!.toFixed(1)}`);
    await db.query('VACUUM ANALYZE dialog_rollup_hourly');
    const week = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-17T00:00:00Z') };
    const cases: [string, () => Promise<unknown>][] = [
      ['baseline: count(*) of the site\'s month', () => db.query(`SELECT count(*) FROM dialog_events WHERE site_id = $1 AND ts >= $2 AND ts < $3`, [SITE, MONTH_START, MONTH_END])],
      ['summary, case-picking, month by day', () => app.repos.dashboard.summary({ siteId: SITE, processKey: 'case-picking', from, to, bucket: 'day' })],
      ['summary, all processes, month by day', () => app.repos.dashboard.summary({ siteId: SITE, from, to, bucket: 'day' })],
      ['summary, case-picking, month by hour', () => app.repos.dashboard.summary({ siteId: SITE, processKey: 'case-picking', from, to, bucket: 'hour' })],
      ['summary, case-picking, a week by hour', () => app.repos.dashboard.summary({ siteId: SITE, processKey: 'case-picking', ...week, bucket: 'hour' })],
      ['nodes, case-picking at the site, month', () => app.repos.dashboard.nodes({ processKey: 'case-picking', siteId: SITE, from, to })],
      ['nodes, case-picking at the site, a week', () => app.repos.dashboard.nodes({ processKey: 'case-picking', siteId: SITE, ...week })],
    ];
    const results: { query: string; medianMs: number; runsMs: number[] }[] = [];
    for (const [name, run] of cases) {
      const runs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) runs.push((await timed(run)).ms);
      results.push({ query: name, medianMs: Math.round(median(runs)), runsMs: runs.map(Math.round) });
      console.log(`${name.padEnd(44)} ${String(Math.round(median(runs))).padStart(7)} ms  (${runs.map(Math.round).join(', ')}; load ${loadavg()[0]!.toFixed(1)})`);
    }
    // What the rollup's trigger costs the ingest: repository ingest of batches of 500 with the
    // trigger and without it, alternating, best of each (the same database, a fresh month).
    const ingestRate = async (tag: string) => {
      const t0 = performance.now();
      for (let i = 0; i < INGEST_BATCHES; i++) await app.repos.events.ingest(SITE, makeBatch('t-ingest', 'h1', `ingest-${tag}-${i}`, 500));
      return (INGEST_BATCHES * 500) / ((performance.now() - t0) / 1000);
    };
    const withTrigger: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < 3; round++) {
      withTrigger.push(await ingestRate(`on-${round}`));
      await db.query('ALTER TABLE dialog_events DISABLE TRIGGER dialog_events_rollup');
      without.push(await ingestRate(`off-${round}`));
      await db.query('ALTER TABLE dialog_events ENABLE TRIGGER dialog_events_rollup');
    }
    const ingest = { withTrigger: Math.round(Math.max(...withTrigger)), without: Math.round(Math.max(...without)) };
    console.log(`ingest (repository, batches of 500): ${ingest.withTrigger} events/s with the rollup trigger, ${ingest.without} without: ${(ingest.withTrigger / ingest.without).toFixed(2)}×; load ${loadavg()[0]!.toFixed(1)}`);
    const base = results[0]!.medianMs;
    for (const r of results.slice(1)) console.log(`${r.query.padEnd(44)} ${(r.medianMs / base).toFixed(2)}× the baseline`);
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(new URL('./results/dashboard.json', import.meta.url), JSON.stringify({ events: Number(rows[0]!.n), sessions: SESSIONS, fillMs: Math.round(fill.ms), rollupMs: Math.round(rollup.ms), ingest, load: loadavg(), results }, null, 2));
    await app.close();
  } finally {
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
