/**
 * Where a compile's time goes, per phase, at two sizes: each phase alone on the same flow (CPU ms,
 * best of rounds) and the GC time per full compile (`PerformanceObserver` on `gc`). The phases
 * alone do not add up to a compile: inside a compile each also pays for the garbage and the live
 * heap of the others, which is where the growth beyond linear shows.
 * `npx tsx compiler/bench/phases.ts [sizes, default 1000,10000]`.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { validateMachine } from '@voiceman/runtime';
import { canonicalJson, compileFlow, machineFormatVersion, parseFlow, sha256Hex } from '../src/index.js';
import { compileChecked } from '../src/compile.js';
import { lintParsed } from '../src/lint/index.js';
import { buildFlow } from '../test/generate.js';

const KINDS = ['ask', 'say', 'decision', 'set', 'request'] as const;
const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);

function cpu(fn: () => void, rounds: number): number {
  let best = Infinity;
  fn();
  for (let r = 0; r < rounds; r++) {
    const s = process.cpuUsage();
    fn();
    const d = process.cpuUsage(s);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

let gcMs = 0;
let gcCount = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcCount++;
  }
}).observe({ entryTypes: ['gc'] });

const rows: Record<string, string | number>[] = [];
for (const n of sizes) {
  const flow = buildFlow(Array.from({ length: n - 2 }, (_, i) => ({ kind: KINDS[i % KINDS.length]!, extra: i % 3, back: (i * 7919) % 1000 })));
  const result = compileFlow(flow);
  if (!result.ok) throw new Error('generated flow does not compile');
  const machine = result.machine!;
  const rounds = n >= 10000 ? 5 : 20;
  const row: Record<string, string | number> = { nodes: n };
  row.compile = cpu(() => compileFlow(flow), rounds);
  // The same compile without the runtime's check of its output (validateMachine): that step's share.
  row.noValidate = cpu(() => compileChecked(flow, {}, () => []), rounds);
  row.parse = cpu(() => parseFlow(flow), rounds);
  row.lint = cpu(() => lintParsed(flow), rounds);
  row.formatVersion = cpu(() => machineFormatVersion(machine), rounds);
  row.validateMachine = cpu(() => validateMachine(machine), rounds);
  row.canonical = cpu(() => canonicalJson(machine), rounds);
  row.sha256 = cpu(() => sha256Hex(result.canonical!), rounds);
  // GC per compile: a few compiles after a full GC-free warm-up, averaged.
  await new Promise((r) => setTimeout(r, 50));
  gcMs = 0;
  gcCount = 0;
  const k = n >= 10000 ? 5 : 50;
  for (let i = 0; i < k; i++) compileFlow(flow);
  await new Promise((r) => setTimeout(r, 50));
  row.gcPerCompile = gcMs / k;
  row.gcsPerCompile = gcCount / k;
  await new Promise((r) => setTimeout(r, 50));
  gcMs = 0;
  for (let i = 0; i < k; i++) compileChecked(flow, {}, () => []);
  await new Promise((r) => setTimeout(r, 50));
  row.gcNoValidate = gcMs / k;
  rows.push(row);
}
const fmt = (v: string | number) => (typeof v === 'number' ? Number(v.toFixed(2)) : v);
console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fmt(v)]))));
if (rows.length === 2) {
  const [a, b] = rows as [Record<string, number>, Record<string, number>];
  console.log('growth', Object.fromEntries(Object.keys(a).filter((k) => k !== 'nodes').map((k) => [k, Number((b[k]! / a[k]!).toFixed(1))])));
}
