import { loadMachine } from '@voiceman/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { compileFlow, type FlowGraph } from '../src/index.js';
import { at, buildCallee, buildFlow, type Step } from './generate.js';
import type { Lang } from '@voiceman/runtime';

const stepArb = fc.record({
  kind: fc.constantFrom<Step['kind']>('say', 'set', 'request', 'decision', 'ask', 'subflow'),
  extra: fc.nat(3),
  back: fc.nat(1000),
});

const languagesArb = fc.constantFrom<Lang[]>(['en'], ['ru'], ['en', 'ru'], ['ru', 'en']);

/** A flow and the callee its subflow steps call, both in the same languages. */
const flowArb = fc.tuple(fc.array(stepArb, { minLength: 1, maxLength: 25 }), languagesArb).map(([steps, languages]) => ({
  flow: buildFlow(steps, { languages }),
  resolveProcess: (key: string) => (key === 'callee' ? buildCallee(languages) : undefined),
}));

/** Recreates every object with its keys in reverse order. */
function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffleKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffleKeys(v)]));
  return value;
}

const stub = () => {};
const plainXstate = setup({
  actions: { 'vm.say': stub, 'vm.ask': stub, 'vm.assign': stub, 'vm.request': stub, 'vm.result': stub },
  guards: { 'vm.cel': () => false },
});

describe('random valid flows', () => {
  it('compile without errors, load in the runtime and in plain xstate, deterministically', () => {
    fc.assert(
      fc.property(flowArb, ({ flow, resolveProcess }) => {
        const result = compileFlow(flow, { resolveProcess });
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.ok).toBe(true);
        expect(() => loadMachine(result.machine)).not.toThrow();
        const actor = createActor(plainXstate.createMachine(result.machine as never)).start();
        expect(actor.getSnapshot().status).not.toBe('error');
        actor.stop();
        const again = compileFlow(JSON.parse(JSON.stringify(flow)), { resolveProcess });
        expect(again.canonical).toBe(result.canonical);
        expect(compileFlow(shuffleKeys(flow), { resolveProcess }).hash).toBe(result.hash);
      }),
      { numRuns: 60 },
    );
  }, 120000);
});

const mutationArb = fc.oneof(
  fc.record({ op: fc.constant('dropEdge' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('dropNode' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('retarget' as const), i: fc.nat(), target: fc.string({ maxLength: 8 }) }),
  fc.record({ op: fc.constant('garbleData' as const), i: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ op: fc.constant('garbleExpr' as const), i: fc.nat(), text: fc.string({ maxLength: 20 }) }),
);

function mutate(flow: FlowGraph, m: fc.Arbitrary<unknown> extends never ? never : { op: string; i: number; target?: string; value?: unknown; text?: string }): unknown {
  const f = JSON.parse(JSON.stringify(flow)) as FlowGraph & { nodes: { data: Record<string, unknown> }[] };
  const node = f.nodes[m.i % f.nodes.length]!;
  const edge = f.edges[m.i % f.edges.length]!;
  if (m.op === 'dropEdge') f.edges.splice(m.i % f.edges.length, 1);
  if (m.op === 'dropNode') f.nodes.splice(m.i % f.nodes.length, 1);
  if (m.op === 'retarget') edge.target = m.target!;
  if (m.op === 'garbleData') node.data = m.value as Record<string, unknown>;
  if (m.op === 'garbleExpr') f.nodes.push({ id: 'bad', kind: 'set', position: at, data: { assignments: [{ variable: 'qty', expr: m.text! }] } } as never);
  return f;
}

describe('random invalid flows', () => {
  it('give diagnostics and never throw', () => {
    fc.assert(
      fc.property(flowArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), ({ flow, resolveProcess }, mutations) => {
        const broken = mutations.reduce<unknown>((f, m) => mutate(f as FlowGraph, m), flow);
        const result = compileFlow(broken, { resolveProcess });
        expect(result.diagnostics.every((d) => typeof d.code === 'string' && d.message.length > 0)).toBe(true);
        if (result.ok) expect(() => loadMachine(result.machine)).not.toThrow();
        else expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 150 },
    );
  }, 120000);

  it('a callee missing one of the caller\'s languages is refused, never compiled', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 10 }), (steps) => {
        const flow = buildFlow([...steps, { kind: 'subflow', extra: 0, back: 0 }], { languages: ['en', 'ru'] });
        const result = compileFlow(flow, { resolveProcess: (key) => (key === 'callee' ? buildCallee(['en']) : undefined) });
        expect(result.ok).toBe(false);
        expect(result.diagnostics.map((d) => d.code)).toContain('subflow-language');
      }),
      { numRuns: 20 },
    );
  });

  it('arbitrary values are diagnostics, never exceptions', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = compileFlow(value);
        expect(result.ok).toBe(false);
        expect(result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
