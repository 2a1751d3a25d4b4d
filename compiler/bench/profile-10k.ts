/**
 * Profiling driver: compiles (or lints) the benchmark's generated flow (six times by default) and prints CPU ms
 * per call. `node --cpu-prof --import tsx compiler/bench/profile-10k.ts 10000 [compile|lint] [runs, default 6]`.
 */
import { compileFlow, lintFlow } from '../src/index.js';
import { buildFlow } from '../test/generate.js';
const KINDS = ['ask', 'say', 'decision', 'set', 'request'] as const;
const n = Number(process.argv[2] ?? 10000);
const flow = buildFlow(Array.from({ length: n - 2 }, (_, i) => ({ kind: KINDS[i % KINDS.length]!, extra: i % 3, back: (i * 7919) % 1000 })));
const what = process.argv[3] ?? 'compile';
for (let i = 0; i < Number(process.argv[4] ?? 6); i++) {
  const s = process.cpuUsage();
  if (what === 'lint') lintFlow(flow); else compileFlow(flow);
  const d = process.cpuUsage(s);
  console.log(what, n, ((d.user + d.system) / 1000).toFixed(1), 'ms');
}
