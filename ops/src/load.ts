/**
 * `npm run load -- --n 100,500,1000,2000,5000`: for each fleet size N, one server process
 * (`node server/dist/server.js`) on a fresh database of a durable throw-away PostgreSQL, N
 * simulated terminals in separate generator processes (the real runtime on the case-picking
 * example against a mock WMS, rules by ETag, events in batches every --post-every ms), a
 * warm-up, then a measured window. Prints a table and writes bench/results/load.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startFleet } from './fleet/fleet.js';
import { percentile, round, windowFigures } from './fleet/figures.js';
import { markdownTable } from './fleet/table.js';
import { options } from './infra/args.js';
import { logSize, rollupTriggerTime } from './infra/dialog-log.js';
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
  // Terminals switched on per second at the fleet's start (a shift's terminals come on over minutes).
  'ramp-per-s': '100',
  processes: '0',
  'server-log': 'off',
  // on: each generator process records the real runtime's dialog once and its terminals replay it (fleet/tape.ts).
  replay: 'off',
  'start-timeout': '90',
  budget: '15',
  out: fileURLToPath(new URL('../../bench/results/load.json', import.meta.url)),
});
const sizes = opts.n.split(',').map(Number);
const seconds = Number(opts.seconds);
const warmup = Number(opts.warmup);
const postEveryMs = Number(opts['post-every']);
const thinkMs = Number(opts.think);
const DRAIN_MS = 20_000;
// The whole command is bounded: a size that cannot finish within --budget minutes is reported as not run.
const deadline = Date.now() + Number(opts.budget) * 60_000;
const needS = warmup + seconds + DRAIN_MS / 1000 + 30;

// track_functions: what the dashboard's rollup trigger costs PostgreSQL per ingest statement.
const cluster = await startCluster({ track_functions: 'pl' });
const rows: Record<string, unknown>[] = [];
const loadAverageAtStart = loadavg();
console.error(`load average at start: ${loadAverageAtStart.map((l) => l.toFixed(2)).join(', ')}`);
try {
  for (const n of sizes) {
    const leftS = (deadline - Date.now()) / 1000;
    const failed = rows.find((r) => r.error);
    if (failed) {
      rows.push({ terminals: n, error: `not run: N=${String(failed.terminals)} did not finish` });
      continue;
    }
    if (leftS < needS + 30) {
      rows.push({ terminals: n, error: `not run: the --budget of ${opts.budget} min was spent` });
      continue;
    }
    const startTimeoutS = Math.min(Number(opts['start-timeout']), leftS - needS);
    const stackAt = Date.now();
    const stack = await startStack(cluster, `load_${n}`, n, { timings: opts['server-log'] === 'on' });
    // Roughly one generator process per 400 terminals, at most 8: enough event loops that the
    // generator stays on time (its loop delay is reported), few enough for 2 cores.
    const processes = Number(opts.processes) || Math.min(8, Math.ceil(n / 400));
    const server = usageMeter(() => [stack.server.pid()]);
    const database = usageMeter(() => processTree(cluster.pid()));
    let generator: ReturnType<typeof usageMeter> | undefined;
    const started = Date.now();
    console.error(`N=${n}: server started and ${n} terminals registered in ${Math.round((started - stackAt) / 1000)} s`);
    const fleet = await startFleet(stack.terminals, {
      servers: [stack.server.url], thinkMs, postEveryMs, rulesEveryMs: Number(opts['rules-every']), processKey: 'case-picking',
      rampMs: (n / Number(opts['ramp-per-s'])) * 1000,
      // Enough work for the run and a slow fleet start (an assignment is about 13 answers).
      assignmentsEach: Math.ceil((warmup + seconds + 120) / ((13 * thinkMs) / 1000)) + 2, track: false,
      replay: opts.replay === 'on',
    }, processes);
    generator = usageMeter(() => fleet.pids);
    console.error(`N=${n}: ${processes} generator processes ready in ${Math.round((Date.now() - started) / 1000)} s`);
    try {
      // The fleet's start is a storm of full rules downloads (about 100 KB each); the warm-up
      // counts from when every terminal is working, and the storm's length is a figure of its own.
      let shown = 0;
      let working = 0;
      // A fleet that has not all started within the start timeout is measured as it is (the
      // terminals still starting keep asking): a saturated size's figures are the knee's.
      const allWorking = await waitUntil('every terminal to start a session', startTimeoutS * 1000, async () => {
        const status = Object.values(await fleet.status());
        working = status.filter((t) => t.sessions > 0).length;
        if (Date.now() - shown > 10_000) {
          shown = Date.now();
          // Why the others are not working yet: how their last rules fetch ended.
          const waiting: Record<string, number> = {};
          for (const t of status) if (t.sessions === 0) waiting[t.rules] = (waiting[t.rules] ?? 0) + 1;
          console.error(`N=${n}: ${working} terminals working after ${Math.round((shown - started) / 1000)} s; the others' last rules fetch: ${JSON.stringify(waiting)}`);
        }
        return working === n ? Date.now() : undefined;
      }, 500).catch(() => {
        console.error(`N=${n}: ${working} of ${n} terminals working after ${Math.round((Date.now() - started) / 1000)} s (start timeout ${Math.round(startTimeoutS)} s): measured as it is`);
        return undefined;
      });
      await sleep(warmup * 1000);
      const from = Date.now();
      server.restart();
      database.restart();
      generator.restart();
      fleet.mark();
      const triggerFrom = await rollupTriggerTime(stack.databaseUrl);
      await sleep(seconds * 1000);
      const to = Date.now();
      const serverUse = server.read();
      const dbUse = database.read();
      const generatorUse = generator.read();
      const loadAverage = loadavg().map((l) => round(l));
      // Statistics reach pg_stat_user_functions within about a second.
      await sleep(1500);
      const triggerTo = await rollupTriggerTime(stack.databaseUrl);
      const result = await fleet.stop(DRAIN_MS);
      const runSeconds = (Date.now() - started) / 1000;
      const f = windowFigures(result.samples, from, to);
      const serverMs = stack.server.ingestTimings.filter(([at]) => at >= from && at < to).map(([, ms]) => ms).sort((a, b) => a - b);
      const size = await logSize(stack.databaseUrl);
      const row = {
        terminals: n,
        generatorProcesses: processes,
        // null: not every terminal was working when the window began (see workingAtStart).
        fleetStartS: allWorking === undefined ? null : round((allWorking - started) / 1000),
        workingAtStart: working,
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
        // CPU seconds over the window: on a shared machine, what each part got (cores × seconds).
        serverCpuS: round(serverUse.cores * seconds, 1),
        postgresCpuS: round(dbUse.cores * seconds, 1),
        generatorCpuS: round(generatorUse.cores * seconds, 1),
        serverPeakRssMiB: round(serverUse.peakRssBytes / 2 ** 20, 0),
        // CPU per POST: less bent by a shared machine than latency, and what sizing scales from.
        serverCpuMsPerPost: round((serverUse.cores * 1000) / f.postsPerS, 2),
        postgresCpuMsPerPost: round((dbUse.cores * 1000) / f.postsPerS, 2),
        postgresCores: round(dbUse.cores, 2),
        // Wall time inside the rollup trigger per ingest statement, and as a share of PostgreSQL's CPU.
        rollupTriggerMsPerCall: round((triggerTo.totalMs - triggerFrom.totalMs) / Math.max(1, triggerTo.calls - triggerFrom.calls), 3),
        rollupTriggerShareOfPostgresCpu: round((triggerTo.totalMs - triggerFrom.totalMs) / (dbUse.cores * seconds * 1000), 3),
        generatorCores: round(generatorUse.cores, 2),
        // The generator's own cost (the real runtime, its WMS, HTTP, batching): what limits a fleet on one machine.
        generatorMsPerTerminalS: round((generatorUse.cores * 1000) / n, 2),
        generatorMsPerEvent: round((generatorUse.cores * 1000) / f.eventsStoredPerS, 3),
        loadAverage,
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
      // Stops the meters' sampling (a failed size must not sample a stopped cluster later).
      for (const meter of [server, database, generator]) meter?.read();
      fleet.kill();
      // SIGTERM: the server closes cleanly (and writes its CPU profile when OPS_SERVER_PROFILE_DIR is set).
      await stack.server.kill('SIGTERM');
    }
  }
} finally {
  await cluster.destroy();
}
console.table(rows.map(({ errorsByStatus, bytesPerEvent, loadAverage, ...r }) => ({ ...r, bytesPerEvent: (bytesPerEvent as { partitions: number } | undefined)?.partitions, load1m: (loadAverage as number[] | undefined)?.[0] })));
await mkdir(fileURLToPath(new URL('.', `file://${opts.out}`)), { recursive: true });
await writeFile(opts.out, `${JSON.stringify({
  date: new Date().toISOString(), node: process.version, cores: (await import('node:os')).cpus().length,
  loadAverageAtStart,
  loadAverageAtEnd: loadavg(),
  command: `npm run load -- ${process.argv.slice(2).join(' ')}`.trim(),
  settings: { seconds, warmup, postEveryMs, thinkMs, replay: opts.replay === 'on', rulesEveryMs: Number(opts['rules-every']), database: 'PostgreSQL 15, throw-away cluster, default settings (fsync, synchronous_commit on)' },
  rows,
}, null, 2)}\n`);
console.log(`\n${markdownTable(rows)}\n`);
console.log(`written ${opts.out}`);
const unfinished = rows.filter((r) => r.error);
if (unfinished.length) {
  for (const r of unfinished) console.error(`N=${String(r.terminals)}: ${String(r.error)}`);
  process.exitCode = 1;
}
