/**
 * PostgreSQL's CPU per 1,000 ingested events (issue #17: the database did twice the plain
 * INSERT's work): the repository's ingest on the current schema, on the key table as it was
 * before migration 020 (a uuid primary key and a ts index besides the (session_id, seq) key),
 * and the benchmark's baseline, a plain multi-row INSERT of the same rows into dialog_events.
 * One throw-away cluster, one database per variant; the variants alternate over R rounds
 * (default 5) of B batches of 500 (default 20), 4 concurrent; prints the median and every round.
 * `npx tsx server/bench/ingest-db-cost.ts` (V=current,oldKeys to pick variants).
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { openDb } from '../src/db/open.js';
import { eventsRepository } from '../src/repositories/events.js';
import { startTestPostgres } from '../src/testing/postgres.js';
import { clusterCpuMs } from './cpu.js';
import { makeBatch } from './load.js';

type Event = ReturnType<typeof makeBatch>[number];
const VARIANTS: Record<string, string[]> = {
  current: [],
  oldKeys: ['ALTER TABLE dialog_event_keys ADD PRIMARY KEY (id)', 'CREATE INDEX dialog_event_keys_ts ON dialog_event_keys (ts)'],
  plainInsert: [],
};
const only = (process.env.V ?? Object.keys(VARIANTS).join(',')).split(',');
const BATCH = 500;
const BATCHES = Number(process.env.B ?? 20);
const ROUNDS = Number(process.env.R ?? 5);
const CONCURRENCY = 4;

/** The benchmark's baseline statement (bench/load.ts, `insert`): 12 parameters a row. */
function plainInsert(pool: pg.Pool, batch: Event[]) {
  const params: unknown[] = [];
  const values = batch.map((e) => {
    const at = params.length;
    params.push(e.id, e.sessionId, e.seq, new Date(e.ts), 'dev-lab', e.terminalId, e.operatorId, e.processKey, e.versionHash, e.type, e.state, JSON.stringify(e.data));
    return `(${Array.from({ length: 12 }, (_, k) => `$${at + k + 1}`).join(',')})`;
  });
  return pool.query(`INSERT INTO dialog_events (id, session_id, seq, ts, site_id, terminal_id, operator_id, process_key, version_hash, type, state, data) VALUES ${values.join(',')}`, params);
}

const cluster = await startTestPostgres();
const pools: pg.Pool[] = [];
const closers: (() => Promise<void>)[] = [];
try {
  const setups: Record<string, { run: (tag: string) => Promise<void>; postmaster: number }> = {};
  for (const v of only) {
    const url = await cluster.createDatabase(`cost_${v.toLowerCase()}`);
    const db = await openDb({ databaseUrl: url });
    closers.push(() => db.close());
    for (const ddl of VARIANTS[v]!) await db.query(ddl);
    const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const stat = await readFile(`/proc/${rows[0]!.pid}/stat`, 'utf8');
    const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const repo = eventsRepository(db);
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
    pools.push(pool);
    const run = async (tag: string) => {
      const batches = Array.from({ length: BATCHES }, (_, i) => makeBatch('t-1', 'abc', `${tag}-${i}`, BATCH));
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < BATCHES) {
          const batch = batches[next++]!;
          if (v === 'plainInsert') await plainInsert(pool, batch);
          else if ((await repo.ingest('dev-lab', batch)).stored.length !== BATCH) throw new Error(`${v}: not every event stored`);
        }
      }));
    };
    await repo.ingest('dev-lab', makeBatch('t-1', 'abc', 'month', 1)); // this month's partition
    await run('warm');
    setups[v] = { run, postmaster };
  }
  const perThousand: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of only) {
      const { run, postmaster } = setups[v]!;
      const before = await clusterCpuMs(postmaster);
      await run(`r${round}`);
      await new Promise((resolve) => setTimeout(resolve, 100)); // exited backends' time reaches the postmaster
      (perThousand[v] ??= []).push(((await clusterCpuMs(postmaster)) - before) * 1000 / (BATCH * BATCHES));
    }
  }
  for (const [v, all] of Object.entries(perThousand)) {
    const sorted = [...all].sort((a, b) => a - b);
    console.log(`${v.padEnd(12)} PostgreSQL ms per 1,000 events: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} (rounds ${all.map((x) => x.toFixed(1)).join(', ')})`);
  }
} finally {
  for (const pool of pools) await pool.end();
  for (const close of closers) await close();
  await cluster.stop();
}
