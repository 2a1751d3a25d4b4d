/**
 * The benchmark's load generator, run as its own process (a real terminal is another process:
 * the client's CPU must not be charged to the server). One job per run, given as JSON in
 * argv[2]; prints `{ "rate": <per second> }` as its last stdout line.
 *  - `cannon`: autocannon against a URL (requests/s);
 *  - `ingest`: POSTs fresh batches of events to the terminal API (events/s);
 *  - `insert`: the same rows as plain multi-row INSERTs into dialog_events (events/s).
 * Batches are built and serialized before the clock starts.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';

export type LoadJob =
  | { kind: 'cannon'; url: string; headers: Record<string, string>; expectStatus: number; duration: number; connections: number }
  | { kind: 'ingest'; url: string; headers: Record<string, string>; terminalId: string; versionHash: string; tag: string; batch: number; batches: number; concurrency: number }
  | { kind: 'insert'; databaseUrl: string; terminalId: string; versionHash: string; tag: string; batch: number; batches: number; concurrency: number };

/** Events of case-picking at `versionHash` (the server refuses versions never deployed to the terminal's site). */
export const makeBatch = (terminalId: string, versionHash: string, session: string, size: number) =>
  Array.from({ length: size }, (_, seq) => ({
    id: randomUUID(), sessionId: session, seq, ts: Date.now(), terminalId, operatorId: 'op-1',
    processKey: 'case-picking', versionHash, type: 'prompt' as const, state: 'ask', data: { text: 'Aisle 12', reason: 'prompt', language: 'en' },
  }));

async function timed(batches: number, batch: number, concurrency: number, run: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < batches) await run(next++);
  }));
  return (batches * batch) / ((performance.now() - start) / 1000);
}

async function run(job: LoadJob): Promise<number> {
  switch (job.kind) {
    case 'cannon': {
      const result = await autocannon({ url: job.url, connections: job.connections, duration: job.duration, headers: job.headers });
      const unexpected = job.expectStatus === 304 ? result.requests.total - result.non2xx - result.errors : result.non2xx;
      if (result.errors > 0 || (job.expectStatus === 200 && unexpected > 0)) throw new Error(`${job.url}: ${result.errors} errors, ${unexpected} unexpected statuses`);
      return result.requests.average;
    }
    case 'ingest': {
      const bodies = Array.from({ length: job.batches }, (_, i) => JSON.stringify({ events: makeBatch(job.terminalId, job.versionHash, `${job.tag}-${i}`, job.batch) }));
      return timed(job.batches, job.batch, job.concurrency, async (i) => {
        const res = await fetch(job.url, { method: 'POST', headers: { ...job.headers, 'content-type': 'application/json' }, body: bodies[i]! });
        const body = (await res.json()) as { stored: string[] };
        if (body.stored.length !== job.batch) throw new Error(`ingest stored ${body.stored.length}`);
      });
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

if (process.argv[2]) {
  const rate = await run(JSON.parse(process.argv[2]) as LoadJob);
  console.log(JSON.stringify({ rate }));
}
