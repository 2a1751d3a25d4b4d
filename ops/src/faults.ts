/**
 * `npm run faults`: the fault scenarios, each against a server process and a durable
 * throw-away PostgreSQL, each bounded in time; exits 1 when a check fails.
 *   --only kill,postgres,offline   run some of them
 */
import { options } from './infra/args.js';
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
const results: ScenarioResult[] = [];
let failed = false;
for (const name of opts.only.split(',')) {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  let cluster: Cluster | undefined;
  try {
    results.push(await bounded(name, 240_000, async () => scenario((cluster = await startCluster())), async () => cluster?.destroy()));
  } catch (err) {
    failed = true;
    console.error(`${name}: ${(err as Error).stack}`);
  }
}
const ok = report(results) && !failed;
console.log(ok ? '\nall fault checks passed' : '\nSOME FAULT CHECKS FAILED');
process.exit(ok ? 0 : 1);
