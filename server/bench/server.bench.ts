/**
 * Server benchmarks, each against a baseline measured in the same run:
 *  - rules fetch (200 and 304) through the real terminal route vs a bare Fastify route serving
 *    the same bytes, both listening on 127.0.0.1, driven by autocannon for a bounded time;
 *  - event ingest (HTTP batches of 500, idempotent path) vs a plain multi-row INSERT of the
 *    same rows into the same table, on a throw-away PostgreSQL cluster.
 * Writes bench/results/server.json and prints a table.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import { buildApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
import { startTestPostgres } from '../src/testing/postgres.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 10;
const BATCH = 500;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const CONCURRENCY = 4;

async function cannon(url: string, headers: Record<string, string>, expectStatus: number, duration = DURATION_S): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  const wrong = result.non2xx - (expectStatus === 304 ? result.requests.total - result.errors : 0);
  if (result.errors > 0 || (expectStatus === 200 && result.non2xx > 0)) throw new Error(`${url}: ${result.errors} errors, ${wrong} unexpected statuses`);
  return result.requests.average;
}

const pgCluster = await startTestPostgres();
const databaseUrl = await pgCluster.createDatabase('bench');
const app = await buildApp({ databaseUrl, adminPassword: 'bench-password', designerDist: '/nonexistent' });
const bare = Fastify();
try {
  const seeded = await seedExamples(app.repos, await app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() });
  if (seeded.created.length === 0) throw new Error('no example published');
  const terminal = await app.repos.terminals.register('dev-lab', 'bench');
  const auth = { authorization: `Bearer ${terminal.token}` };
  const ourUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const first = await fetch(`${ourUrl}/api/terminal/v1/machines`, { headers: auth });
  const bytes = await first.text();
  const etag = first.headers.get('etag')!;
  bare.get('/rules', async (req, reply) => {
    reply.header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(bytes);
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  // Warm both servers up (JIT, connection pools) before measuring either.
  await cannon(`${ourUrl}/api/terminal/v1/machines`, auth, 200, 1);
  await cannon(`${bareUrl}/rules`, {}, 200, 1);
  // The CPU is shared with other work: alternate ours/baseline twice and keep each one's best.
  async function pair(oursUrl: string, oursHeaders: Record<string, string>, baseUrl: string, baseHeaders: Record<string, string>, status: number) {
    let ours = 0;
    let base = 0;
    for (let round = 0; round < 2; round++) {
      ours = Math.max(ours, await cannon(oursUrl, oursHeaders, status));
      base = Math.max(base, await cannon(baseUrl, baseHeaders, status));
    }
    return [ours, base] as const;
  }
  const [rules200, bare200] = await pair(`${ourUrl}/api/terminal/v1/machines`, auth, `${bareUrl}/rules`, {}, 200);
  const [rules304, bare304] = await pair(`${ourUrl}/api/terminal/v1/machines`, { ...auth, 'if-none-match': etag }, `${bareUrl}/rules`, { 'if-none-match': etag }, 304);

  // Event ingest: every batch is fresh events (ours and the baseline insert the same shape).
  const makeBatch = (session: string) =>
    Array.from({ length: BATCH }, (_, seq) => ({
      id: randomUUID(), sessionId: session, seq, ts: Date.now(), terminalId: terminal.id, operatorId: 'op-1',
      processKey: 'case-picking', versionHash: 'h', type: 'prompt' as const, state: 'ask', data: { text: 'Aisle 12', reason: 'prompt', language: 'en' },
    }));
  async function timed(run: (i: number) => Promise<void>): Promise<number> {
    const start = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < BATCHES) await run(next++);
    }));
    return (BATCHES * BATCH) / ((performance.now() - start) / 1000);
  }
  await fetch(`${ourUrl}/api/terminal/v1/events`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ events: makeBatch('warmup') }) });
  // Like the rules rows: alternate ours/repository/baseline twice (fresh events each round) and
  // keep each one's best, since the CPU is shared with other work.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  let ours = 0;
  let repoOnly = 0;
  let plain = 0;
  for (let round = 0; round < 2; round++) {
    // Bodies are serialized before the clock starts: the client shares the CPU with the server.
    const bodies = Array.from({ length: BATCHES }, (_, i) => JSON.stringify({ events: makeBatch(`ours-${round}-${i}`) }));
    ours = Math.max(ours, await timed(async (i) => {
      const res = await fetch(`${ourUrl}/api/terminal/v1/events`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: bodies[i]!,
      });
      const body = (await res.json()) as { stored: string[] };
      if (body.stored.length !== BATCH) throw new Error(`ingest stored ${body.stored.length}`);
    }));
    // The same idempotent SQL without HTTP/JSON/validation: shows where the gap to the baseline is.
    const repoBatches = Array.from({ length: BATCHES }, (_, i) => makeBatch(`repo-${round}-${i}`));
    repoOnly = Math.max(repoOnly, await timed(async (i) => {
      const res = await app.repos.events.ingest('dev-lab', repoBatches[i]!);
      if (res.stored.length !== BATCH) throw new Error(`repository stored ${res.stored.length}`);
    }));
    const plainBatches = Array.from({ length: BATCHES }, (_, i) => {
      const params: unknown[] = [];
      const values = makeBatch(`plain-${round}-${i}`).map((e) => {
        const at = params.length;
        params.push(e.id, e.sessionId, e.seq, new Date(e.ts), 'dev-lab', e.terminalId, e.operatorId, e.processKey, e.versionHash, e.type, e.state, JSON.stringify(e.data));
        return `(${Array.from({ length: 12 }, (_, k) => `$${at + k + 1}`).join(',')})`;
      });
      return { params, values };
    });
    plain = Math.max(plain, await timed(async (i) => {
      const { params, values } = plainBatches[i]!;
      await pool.query(
        `INSERT INTO dialog_events (id, session_id, seq, ts, site_id, terminal_id, operator_id, process_key, version_hash, type, state, data) VALUES ${values.join(',')}`,
        params,
      );
    }));
  }
  await pool.end();

  const rows = [
    { what: 'rules fetch 200 (req/s)', ours: rules200, baseline: bare200, goal: 0.7 },
    { what: 'rules fetch 304 (req/s)', ours: rules304, baseline: bare304, goal: 0.7 },
    { what: 'event ingest over HTTP (events/s)', ours, baseline: plain, goal: 0.8 },
    { what: 'event ingest, repository only (events/s)', ours: repoOnly, baseline: plain, goal: 0.8 },
  ].map((r) => ({ ...r, ours: Math.round(r.ours), baseline: Math.round(r.baseline), ratio: Number((r.ours / r.baseline).toFixed(2)) }));
  console.table(rows.map((r) => ({ ...r, met: r.ratio >= r.goal ? 'yes' : 'NO' })));
  const out = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  await mkdir(out, { recursive: true });
  await writeFile(`${out}server.json`, `${JSON.stringify({
    package: 'server', date: new Date().toISOString(), node: process.version,
    settings: { durationSeconds: DURATION_S, connections: CONNECTIONS, batch: BATCH, batches: BATCHES, concurrency: CONCURRENCY, database: 'PostgreSQL (throw-away cluster)' },
    baselines: { rules: 'bare Fastify route serving the same bytes and ETag', ingest: 'plain multi-row INSERT of the same rows into dialog_events' },
    results: rows,
  }, null, 2)}\n`);
} finally {
  await app.close();
  await bare.close();
  await pgCluster.stop();
}
