/**
 * A server-side scenario run against baselines measured in the same process:
 *  - time: 45 case-picking scenarios (the 9 committed ones × 5) through POST scenario-runs on
 *    version 1 (PGlite in memory) vs `runScenario` alone on the same machine and scenarios;
 *  - event-loop delay and the slowest /healthz while the run goes on vs the same polling idle.
 * Run: `npx tsx --conditions=source server/bench/scenario-runs.ts` (prints, writes nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadMachine } from '@voiceman/runtime';
import { runScenario, type Scenario } from '@voiceman/simulator';
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import { buildApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';

const FLOWS = fileURLToPath(new URL('../../examples/flows/', import.meta.url));
const files = readdirSync(FLOWS).filter((f) => f.startsWith('case-picking.') && f.endsWith('.scenario.json')).sort();
const scenarios: Scenario[] = [1, 2, 3, 4, 5].flatMap((n) => files.map((f) => ({ ...(JSON.parse(readFileSync(FLOWS + f, 'utf8')) as Scenario), name: `${f} #${n}` })));

const app = await buildApp({ dataDir: 'memory', adminPassword: 'bench-password-1', designerDist: '/nonexistent' });
await seedExamples(app.repos, await app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables(), wmsUrl: 'http://127.0.0.1:4999' });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'bench-password-1' } });
const headers = { cookie: `vm_session=${login.cookies.find((c) => c.name === 'vm_session')!.value}` };
await app.inject({ method: 'POST', url: '/api/processes/case-picking/scenarios/import', headers, payload: { scenarios } });
const machine = loadMachine((await app.repos.versions.get('case-picking', 1)).machine);

const ms = (ns: number) => (ns / 1e6).toFixed(1);
/** Polls /healthz (and `poll`) every 20 ms until `poll` says stop; the loop's delay meanwhile. */
async function watch(poll: () => Promise<boolean>) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let slowest = 0;
  for (;;) {
    const t = performance.now();
    await app.inject('/healthz');
    slowest = Math.max(slowest, performance.now() - t);
    if (!(await poll())) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  h.disable();
  return `event-loop delay p50 ${ms(h.percentile(50))} ms, p99 ${ms(h.percentile(99))} ms, max ${ms(h.max)} ms; slowest /healthz ${slowest.toFixed(1)} ms`;
}

for (const round of [1, 2, 3]) {
  let t = performance.now();
  for (const s of scenarios) await runScenario(s, { machine });
  const bare = performance.now() - t;

  const idleUntil = performance.now() + 2000;
  const idle = await watch(async () => performance.now() < idleUntil);

  t = performance.now();
  const id = (await app.inject({ method: 'POST', url: '/api/processes/case-picking/scenario-runs', headers, payload: { target: 1 } })).json().id as string;
  let report: { status: string; passed: number; total: number } = { status: 'running', passed: 0, total: 0 };
  const running = await watch(async () => {
    report = (await app.inject({ url: `/api/scenario-runs/${id}`, headers })).json();
    return report.status === 'running';
  });
  const served = performance.now() - t;
  console.log(`round ${round}: ${report.passed}/${report.total} passed; server run ${served.toFixed(0)} ms vs runScenario alone ${bare.toFixed(0)} ms (ratio ${(served / bare).toFixed(2)})`);
  console.log(`  idle:    ${idle}`);
  console.log(`  running: ${running}`);
}
await app.close();
