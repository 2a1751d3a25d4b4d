/**
 * The compiler on random graphs built from scratch (any kinds, any edges, garbled data, odd
 * names, CEL that loops or grows, deep values): it never throws, never reports a failure of
 * its own (`compiler-failure`), and what it accepts loads in the runtime.
 */
import { loadMachine } from '@voiceman/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFlow, DIAGNOSTIC_CODES, defaultNodeData, nodeKinds, outcomesOf, type FlowGraph } from '../src/index.js';

const KINDS = Object.keys(nodeKinds) as (keyof typeof nodeKinds)[];
const NAMES = ['qty', 'name', 'loop', '__proto__', 'constructor', 'prototype', 'toString', 'event', 'x'];
const EXPRS = [
  'qty + 1',
  '[1, 2, 3].map(x, [1, 2, 3].map(y, x * y))',
  'cel.bind(l, [1, 2], cel.bind(l, l + l, l.size()))',
  'name.matches("^(a+)+$")',
  'name.matches("(")',
  '{"__proto__": 1}',
  'constructor',
  'this',
  'globalThis.process',
  'name.constructor',
];

const nodeArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  garble: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...EXPRS)), { freq: 4 }),
  expr: fc.constantFrom(...EXPRS),
});

const graphArb = fc
  .record({
    nodes: fc.array(nodeArb, { minLength: 0, maxLength: 12 }),
    edges: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), outcome: fc.nat(), dangling: fc.boolean() }), { maxLength: 20 }),
    variables: fc.uniqueArray(fc.record({ name: fc.constantFrom(...NAMES), type: fc.constantFrom('string', 'int', 'dyn', 'list', 'map') }), { maxLength: 4, selector: (v) => v.name }),
    languages: fc.constantFrom(['en'], ['ru'], ['en', 'ru']),
    depth: fc.option(fc.integer({ min: 10, max: 3000 }), { freq: 5 }),
  })
  .map(({ nodes, edges, variables, languages, depth }) => {
    const flowNodes = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }];
    nodes.forEach((n, i) => {
      let data: unknown = defaultNodeData(n.kind, languages);
      if (n.kind === 'set') data = { assignments: [{ variable: 'qty', expr: n.expr }] };
      if (n.kind === 'decision') data = { ...(data as object), conditions: [{ outcome: 'yes', expr: n.expr }] };
      if (n.garble !== null) data = typeof n.garble === 'string' ? { text: { en: `{{ ${n.garble} }}` } } : n.garble;
      flowNodes.push({ id: `n${i}`, kind: n.kind, position: { x: 0, y: i }, data: data as never });
    });
    const ids = flowNodes.map((n) => n.id);
    const flowEdges = edges.map((e, i) => {
      const source = flowNodes[e.from % flowNodes.length]!;
      let outcomes: string[] = [];
      try {
        outcomes = outcomesOf(source as never, () => undefined);
      } catch {
        outcomes = ['next'];
      }
      return { id: `e${i}`, source: source.id, outcome: outcomes[e.outcome % Math.max(1, outcomes.length)] ?? 'next', target: e.dangling ? 'nowhere' : ids[e.to % ids.length]! };
    });
    let defaultValue: unknown = 1;
    for (let i = 0; i < (depth ?? 0); i++) defaultValue = [defaultValue];
    const vars = variables.map((v) => ({ ...v }));
    if (depth !== null) vars.push({ name: 'deep', type: 'dyn', default: defaultValue } as never);
    return { formatVersion: 1, process: { key: 'fuzz', name: 'Fuzz', languages, variables: vars, globalWords: [] }, nodes: flowNodes, edges: flowEdges } as unknown as FlowGraph;
  });

describe('compiler on random graphs (property)', () => {
  it('never throws and never fails on its own; what it accepts loads', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(graphArb, (flow) => {
        const result = compileFlow(flow);
        const codes = result.diagnostics.map((d) => d.code);
        expect(codes.filter((c) => c === 'compiler-failure'), JSON.stringify(result.diagnostics.filter((d) => d.code === 'compiler-failure'))).toEqual([]);
        for (const c of codes) expect(DIAGNOSTIC_CODES).toHaveProperty(c);
        if (result.ok) {
          expect(() => loadMachine(result.machine)).not.toThrow();
          seen.ok++;
        } else {
          expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          seen.refused++;
        }
      }),
      { numRuns: 300 },
    );
    expect(seen.refused).toBeGreaterThan(0);
  }, 120_000);
});
