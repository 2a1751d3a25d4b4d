/**
 * Where a compile's (or lint's) garbage comes from: V8's sampling heap profiler with collected
 * objects included, over three runs of the benchmark's generated flow; MB per run by function,
 * self and inclusive. `npx tsx compiler/bench/alloc-profile.ts 10000 [compile|lint]`.
 */
import { Session } from 'node:inspector/promises';
import { compileFlow, lintFlow } from '../src/index.js';
import { buildFlow } from '../test/generate.js';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const KINDS = ['ask', 'say', 'decision', 'set', 'request'] as const;
const n = Number(process.argv[2] ?? 10000);
const what = process.argv[3] ?? 'compile';
const flow = buildFlow(Array.from({ length: n - 2 }, (_, i) => ({ kind: KINDS[i % KINDS.length]!, extra: i % 3, back: (i * 7919) % 1000 })));
const run = () => (what === 'lint' ? lintFlow(flow) : compileFlow(flow));
run();
run();
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
const runs = 3;
for (let i = 0; i < runs; i++) run();
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
const name = (node: ProfileNode) => `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
/** Returns the subtree's bytes; a function on the stack twice counts once. */
const walk = (node: ProfileNode, stack: ReadonlySet<string>): number => {
  const key = name(node);
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  total += node.selfSize;
  const inner = stack.has(key) ? stack : new Set([...stack, key]);
  let bytes = node.selfSize;
  for (const child of node.children) bytes += walk(child, inner);
  if (!stack.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + bytes);
  return bytes;
};
walk(profile.head, new Set());
const top = (m: Map<string, number>, count: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => `${(v / runs / 1e6).toFixed(1).padStart(7)} MB  ${k}`).join('\n');
console.log(`${what} of ${n} nodes: ${(total / runs / 1e6).toFixed(1)} MB allocated per run`);
console.log('--- self');
console.log(top(self, 25));
console.log('--- inclusive');
console.log(top(inclusive, 40));
