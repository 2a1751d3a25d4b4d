/**
 * `npm run faults`: the fault scenarios, each against a server process and a durable
 * throw-away PostgreSQL, each bounded in time; exits 1 when a check fails.
 *   --only kill,postgres,offline   run some of them
 */
import { options } from './infra/args.js';
import { killChildren } from './infra/children.js';
import { preflight } from './infra/preflight.js';
import { startCluster, type Cluster } from './infra/postgres.js';
import { bounded, report, type ScenarioResult } from './scenarios/checks.js';
import { offlineShift } from './scenarios/offline-shift.js';
import { postgresRestart } from './scenarios/postgres-restart.js';
import { serverKill } from './scenarios/server-kill.js';

const SCENARIOS: Record<string, (cluster: Cluster) => Promise<ScenarioResult>> = {
  kill: serverKill,
  postgres: postgresRestart,
  offline: offlineShift,
};

const opts = options({ only: Object.keys(SCENARIOS).join(',') });
const names = opts.only.split(',');
for (const name of names) if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
preflight('npm run faults', ['initdb', 'pg_ctl']);
const results: ScenarioResult[] = [];
let failed = false;
const began = Date.now();
for (const name of names) {
  const scenario = SCENARIOS[name]!;
  let cluster: Cluster | undefined;
  // A line per scenario as it starts: a CI log shows where a run hung.
  console.log(`faults: ${name} starting (${((Date.now() - began) / 1000).toFixed(0)} s in)`);
  try {
    results.push(await bounded(name, 240_000, async () => scenario((cluster = await startCluster())), async () => {
      // The scenario stopped its server and fleet, unless it ran out of time: then they go here.
      killChildren();
      await cluster?.destroy();
    }));
  } catch (err) {
    failed = true;
    console.error(`${name}: ${(err as Error).stack}`);
  }
}
const ok = report(results) && !failed;
console.log(`${ok ? '\nall fault checks passed' : '\nSOME FAULT CHECKS FAILED'} (${((Date.now() - began) / 1000).toFixed(0)} s)`);
process.exit(ok ? 0 : 1);
