/**
 * `npm run load -- --n 100,500,1000,2000,5000`: for each fleet size N, one server process
 * (`node server/dist/server.js`) on a fresh database of a durable throw-away PostgreSQL, N
 * simulated terminals in separate generator processes (the real runtime on the case-picking
 * example against a mock WMS, rules by ETag, events in batches every --post-every ms), a
 * warm-up, then a measured window. Prints a table and writes bench/results/load.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startFleet } from './fleet/fleet.js';
import { percentile, round, windowFigures } from './fleet/figures.js';
import { options } from './infra/args.js';
import { logSize } from './infra/dialog-log.js';
import { sleep, waitUntil } from './infra/ports.js';
import { startCluster } from './infra/postgres.js';
import { processTree, usageMeter } from './infra/proc.js';
import { startStack } from './infra/stack.js';

const opts = options({
  n: '100,500,1000,2000,5000',
  seconds: '30',
  warmup: '10',
  'post-every': '2000',
  think: '2000',
  'rules-every': '30000',
  processes: '0',
  'server-log': 'off',
  'start-timeout': '300',
  out: fileURLToPath(new URL('../../bench/results/load.json', import.meta.url)),
});
const sizes = opts.n.split(',').map(Number);
const seconds = Number(opts.seconds);
const warmup = Number(opts.warmup);
const postEveryMs = Number(opts['post-every']);
const thinkMs = Number(opts.think);

const cluster = await startCluster();
const rows: Record<string, unknown>[] = [];
try {
  for (const n of sizes) {
    const stack = await startStack(cluster, `load_${n}`, n, { timings: opts['server-log'] === 'on' });
    // Roughly one generator process per 400 terminals, at most 8: enough event loops that the
    // generator stays on time (its loop delay is reported), few enough for 2 cores.
    const processes = Number(opts.processes) || Math.min(8, Math.ceil(n / 400));
    const server = usageMeter(() => [stack.server.pid()]);
    const database = usageMeter(() => processTree(cluster.pid()));
    const started = Date.now();
    const fleet = await startFleet(stack.terminals, {
      servers: [stack.server.url], thinkMs, postEveryMs, rulesEveryMs: Number(opts['rules-every']), processKey: 'case-picking',
      // Enough work for the run and a slow fleet start (an assignment is about 13 answers).
      assignmentsEach: Math.ceil((warmup + seconds + 120) / ((13 * thinkMs) / 1000)) + 2, track: false,
    }, processes);
    const generator = usageMeter(() => fleet.pids);
    try {
      // The fleet's start is a storm of full rules downloads (about 100 KB each); the warm-up
      // counts from when every terminal is working, and the storm's length is a figure of its own.
      let shown = 0;
      const allWorking = await waitUntil('every terminal to start a session', Number(opts['start-timeout']) * 1000, async () => {
        const working = Object.values(await fleet.status()).filter((t) => t.sessions > 0).length;
        if (Date.now() - shown > 10_000) {
          shown = Date.now();
          console.error(`N=${n}: ${working} terminals working after ${Math.round((shown - started) / 1000)} s`);
        }
        return working === n ? Date.now() : undefined;
      }, 500);
      await sleep(warmup * 1000);
      const from = Date.now();
      server.restart();
      database.restart();
      generator.restart();
      fleet.mark();
      await sleep(seconds * 1000);
      const to = Date.now();
      const serverUse = server.read();
      const dbUse = database.read();
      const generatorUse = generator.read();
      const result = await fleet.stop(30_000);
      const runSeconds = (Date.now() - started) / 1000;
      const f = windowFigures(result.samples, from, to);
      const serverMs = stack.server.ingestTimings.filter(([at]) => at >= from && at < to).map(([, ms]) => ms).sort((a, b) => a - b);
      const size = await logSize(stack.databaseUrl);
      const row = {
        terminals: n,
        generatorProcesses: processes,
        fleetStartS: round((allWorking - started) / 1000),
        postsPerS: round(f.postsPerS),
        eventsStoredPerS: round(f.eventsStoredPerS),
        p50Ms: round(f.p50Ms),
        p99Ms: round(f.p99Ms),
        serverP50Ms: round(percentile(serverMs, 50)),
        serverP99Ms: round(percentile(serverMs, 99)),
        maxMs: round(f.maxMs),
        errors: Object.values(f.errors).reduce((a, b) => a + b, 0),
        errorsByStatus: f.errors,
        serverCores: round(serverUse.cores, 2),
        serverPeakRssMiB: round(serverUse.peakRssBytes / 2 ** 20, 0),
        // CPU per POST: less bent by a shared machine than latency, and what sizing scales from.
        serverCpuMsPerPost: round((serverUse.cores * 1000) / f.postsPerS, 2),
        postgresCpuMsPerPost: round((dbUse.cores * 1000) / f.postsPerS, 2),
        postgresCores: round(dbUse.cores, 2),
        generatorCores: round(generatorUse.cores, 2),
        generatorLoopDelayP99Ms: round(result.loopDelayP99Ms),
        eventsPerTerminalPerS: round(result.emitted / n / runSeconds, 2),
        notDeliveredAfterDrain: result.pendingAfterDrain,
        storedEvents: size.events,
        bytesPerEvent: {
          partitions: round(size.partitionBytes / size.events, 0),
          withKeysAndSessions: round((size.partitionBytes + size.keyBytes + size.sessionBytes) / size.events, 0),
        },
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    } catch (err) {
      // One fleet size failing (say, it never finished starting) still leaves the others' figures.
      rows.push({ terminals: n, error: (err as Error).message });
      console.error(`N=${n}: ${(err as Error).message}`);
    } finally {
      fleet.kill();
      // SIGTERM: the server closes cleanly (and writes its CPU profile when OPS_SERVER_PROFILE_DIR is set).
      await stack.server.kill('SIGTERM');
    }
  }
} finally {
  await cluster.destroy();
}
console.table(rows.map(({ errorsByStatus, bytesPerEvent, ...r }) => ({ ...r, bytesPerEvent: (bytesPerEvent as { partitions: number } | undefined)?.partitions })));
await mkdir(fileURLToPath(new URL('.', `file://${opts.out}`)), { recursive: true });
await writeFile(opts.out, `${JSON.stringify({
  date: new Date().toISOString(), node: process.version, cores: (await import('node:os')).cpus().length,
  loadAverageAtEnd: (await import('node:os')).loadavg(),
  settings: { seconds, warmup, postEveryMs, thinkMs, rulesEveryMs: Number(opts['rules-every']), database: 'PostgreSQL 15, throw-away cluster, default settings (fsync, synchronous_commit on)' },
  rows,
}, null, 2)}\n`);
console.log(`written ${opts.out}`);
