/**
 * Compile + lint time for generated flows of 100, 1,000 and 10,000 nodes. The cost must grow
 * linearly: 10× the nodes in at most 12× the time. The baseline measured in the same run is a
 * plain JSON.parse(JSON.stringify()) round trip of the same flow (a linear floor: any work on
 * the graph touches every node at least once).
 * Writes bench/results/compiler.json and prints a table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { compileFlow, lintFlow } from '../src/index.js';
import { buildFlow } from '../test/generate.js';

type Kind = 'say' | 'set' | 'request' | 'decision' | 'ask';
const KINDS: Kind[] = ['ask', 'say', 'decision', 'set', 'request'];

function generate(nodes: number) {
  const steps = Array.from({ length: nodes - 2 }, (_, i) => ({ kind: KINDS[i % KINDS.length]!, extra: i % 3, back: (i * 7919) % 1000 }));
  return buildFlow(steps);
}

function time(fn: () => void, minMs = 400): number {
  fn(); // warm-up
  let runs = 0;
  const start = performance.now();
  do {
    fn();
    runs++;
  } while (performance.now() - start < minMs);
  return (performance.now() - start) / runs;
}

const rows = [];
for (const size of [100, 1000, 10000]) {
  const flow = generate(size);
  const text = JSON.stringify(flow);
  const compileMs = time(() => {
    const r = compileFlow(flow);
    if (!r.ok) throw new Error(`generated flow has errors: ${JSON.stringify(r.diagnostics.slice(0, 3))}`);
  });
  const lintMs = time(() => lintFlow(flow));
  const baselineMs = time(() => JSON.parse(JSON.stringify(flow)));
  rows.push({ nodes: flow.nodes.length, bytes: text.length, compileMs, lintMs, baselineMs, ratioToBaseline: compileMs / baselineMs });
}
const growth = { compile100to1000: rows[1]!.compileMs / rows[0]!.compileMs, compile1000to10000: rows[2]!.compileMs / rows[1]!.compileMs };
const linear = growth.compile1000to10000 <= 12;
console.table(rows.map((r) => ({ ...r, compileMs: r.compileMs.toFixed(2), lintMs: r.lintMs.toFixed(2), baselineMs: r.baselineMs.toFixed(3), ratioToBaseline: r.ratioToBaseline.toFixed(0) })));
console.log(`growth 100→1,000: ${growth.compile100to1000.toFixed(1)}×, 1,000→10,000: ${growth.compile1000to10000.toFixed(1)}× (goal ≤ 12×): ${linear ? 'linear' : 'NOT linear'}`);
const out = new URL('../../bench/results/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('compiler.json', out), `${JSON.stringify({ benchmark: 'compile + lint of generated flows', date: new Date().toISOString(), rows, growth, goal: '10x nodes <= 12x time', linear }, null, 2)}\n`);
if (!linear) process.exitCode = 1;
