/**
 * The benchmark's load generator, run as its own process (a real terminal is another process:
 * the client's CPU must not be charged to the server). One job per run, given as JSON in
 * argv[2]. It prepares (builds and serializes the batches, opens connections), prints
 * `{ "ready": true }`, waits for a line on stdin, runs, and prints `{ "rate": <per second>,
 * "cpuMs": <its own CPU during the run> }`: the parent measures exactly the timed window.
 *  - `cannon`: autocannon against a URL (requests/s);
 *  - `ingest`: POSTs fresh batches of events to the terminal API (events/s);
 *  - `insert`: the same rows as plain multi-row INSERTs into dialog_events (events/s).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import autocannon from 'autocannon';
import pg from 'pg';

export type LoadJob =
  | { kind: 'cannon'; url: string; headers: Record<string, string>; expectStatus: number; duration: number; connections: number }
  | { kind: 'ingest'; url: string; headers: Record<string, string>; terminalId: string; versionHash: string; tag: string; batch: number; batches: number; concurrency: number }
  | { kind: 'insert' | 'insert-unnest'; databaseUrl: string; terminalId: string; versionHash: string; tag: string; batch: number; batches: number; concurrency: number };

/** Events of case-picking at `versionHash` (the server refuses versions never deployed to the terminal's site). */
export const makeBatch = (terminalId: string, versionHash: string, session: string, size: number) =>
  Array.from({ length: size }, (_, seq) => ({
    id: randomUUID(), sessionId: session, seq, ts: Date.now(), terminalId, operatorId: 'op-1',
    processKey: 'case-picking', versionHash, type: 'prompt' as const, state: 'ask', data: { text: 'Aisle 12', reason: 'prompt', language: 'en' },
  }));

/** Tells the parent it is ready and waits for its go (a line on stdin). */
async function ready(): Promise<void> {
  console.log(JSON.stringify({ ready: true }));
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
}

/**
 * Runs the batches and reports at once, before any clean-up: the parent reads the database's
 * CPU while this run's backends are still alive (an exited backend's time reaches the
 * postmaster only when it is reaped, which would race the reading).
 */
async function timed(batches: number, batch: number, concurrency: number, run: (i: number) => Promise<void>): Promise<void> {
  await ready();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < batches) await run(next++);
  }));
  report((batches * batch) / ((performance.now() - start) / 1000), cpu);
  await released();
}

/** The parent closes stdin once it has read the database's CPU: only then are connections closed. */
const released = () => new Promise<void>((resolve) => {
  process.stdin.once('end', () => resolve()).resume();
});

function report(rate: number, since: NodeJS.CpuUsage) {
  const used = process.cpuUsage(since);
  console.log(JSON.stringify({ rate, cpuMs: (used.user + used.system) / 1000 }));
}

async function run(job: LoadJob): Promise<void> {
  switch (job.kind) {
    case 'cannon': {
      await ready();
      const cpu = process.cpuUsage();
      const result = await autocannon({ url: job.url, connections: job.connections, duration: job.duration, headers: job.headers });
      const unexpected = job.expectStatus === 304 ? result.requests.total - result.non2xx - result.errors : result.non2xx;
      if (result.errors > 0 || (job.expectStatus === 200 && unexpected > 0)) throw new Error(`${job.url}: ${result.errors} errors, ${unexpected} unexpected statuses`);
      return report(result.requests.average, cpu);
    }
    case 'ingest': {
      // node:http with kept-alive sockets and bodies as bytes: a terminal is another device, so the
      // client's own cost (fetch's streams cost twice as much CPU) is kept small on these shared cores.
      const bodies = Array.from({ length: job.batches }, (_, i) => Buffer.from(JSON.stringify({ events: makeBatch(job.terminalId, job.versionHash, `${job.tag}-${i}`, job.batch) })));
      const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
      const url = new URL(job.url);
      const post = (body: Buffer) => new Promise<string>((resolve, reject) => {
        const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...job.headers, 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString()));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
      // Sockets open before the clock starts, like the insert baselines' warm pool.
      await Promise.all(Array.from({ length: job.concurrency }, () => new Promise((resolve, reject) => http.get({ agent, host: url.hostname, port: url.port, path: '/healthz' }, (res) => res.resume().on('end', resolve)).on('error', reject))));
      await timed(job.batches, job.batch, job.concurrency, async (i) => {
        const body = JSON.parse(await post(bodies[i]!)) as { stored?: string[] };
        if (body.stored?.length !== job.batch) throw new Error(`ingest stored ${body.stored?.length}: ${JSON.stringify(body).slice(0, 300)}`);
      });
      agent.destroy();
      return;
    }
    case 'insert-unnest': {
      // The same rows in the ingest's own shape: one prepared statement, columns as typed arrays.
      const pool = new pg.Pool({ connectionString: job.databaseUrl, max: job.concurrency });
      try {
        const prepared = Array.from({ length: job.batches }, (_, i) => {
          const rows = makeBatch(job.terminalId, job.versionHash, `${job.tag}-${i}`, job.batch);
          const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((e) => e[k]);
          return [col('id'), col('sessionId'), col('seq'), col('ts'), col('terminalId'), col('operatorId'), col('processKey'), col('versionHash'), col('type'), col('state'), JSON.stringify(col('data'))];
        });
        await Promise.all(Array.from({ length: job.concurrency }, () => pool.query('SELECT 1')));
        const text = `INSERT INTO dialog_events (id, session_id, seq, ts, site_id, terminal_id, operator_id, process_key, version_hash, type, state, data)
          SELECT u.id, u.s, u.seq, to_timestamp(u.ts / 1000.0), 'dev-lab', u.t, u.o, u.p, u.v, u.ty, u.st, $11::jsonb -> (u.n::int - 1)
            FROM unnest($1::uuid[], $2::text[], $3::int4[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
                 WITH ORDINALITY AS u(id, s, seq, ts, t, o, p, v, ty, st, n)`;
        return await timed(job.batches, job.batch, job.concurrency, async (i) => {
          await pool.query({ name: 'bench_insert_unnest', text, values: prepared[i]! });
        });
      } finally {
        await pool.end();
      }
    }
    case 'insert': {
      const pool = new pg.Pool({ connectionString: job.databaseUrl, max: job.concurrency });
      try {
        const prepared = Array.from({ length: job.batches }, (_, i) => {
          const params: unknown[] = [];
          const values = makeBatch(job.terminalId, job.versionHash, `${job.tag}-${i}`, job.batch).map((e) => {
            const at = params.length;
            params.push(e.id, e.sessionId, e.seq, new Date(e.ts), 'dev-lab', e.terminalId, e.operatorId, e.processKey, e.versionHash, e.type, e.state, JSON.stringify(e.data));
            return `(${Array.from({ length: 12 }, (_, k) => `$${at + k + 1}`).join(',')})`;
          });
          return { params, sql: `INSERT INTO dialog_events (id, session_id, seq, ts, site_id, terminal_id, operator_id, process_key, version_hash, type, state, data) VALUES ${values.join(',')}` };
        });
        // One connection per worker opened before the clock starts, like the server's warm pool.
        await Promise.all(Array.from({ length: job.concurrency }, () => pool.query('SELECT 1')));
        return await timed(job.batches, job.batch, job.concurrency, async (i) => {
          await pool.query(prepared[i]!.sql, prepared[i]!.params);
        });
      } finally {
        await pool.end();
      }
    }
  }
}

if (process.argv[2]) await run(JSON.parse(process.argv[2]) as LoadJob);
