import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseFlow } from '../test/helpers.js';
import { flowSchema } from './flow-schema.js';
import { compileFlow, lintFlow, parseFlow } from './index.js';

describe('parseFlow and malformed input', () => {
  it('accepts a flow object and its JSON text alike', () => {
    expect(parseFlow(baseFlow()).ok).toBe(true);
    expect(parseFlow(JSON.stringify(baseFlow())).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{"formatVersion":', 'flow-not-json'],
    ['a number', 42, 'flow-schema'],
    ['null', null, 'flow-schema'],
    ['an array', [], 'flow-schema'],
    ['undefined', undefined, 'flow-schema'],
    ['no version', { nodes: [] }, 'flow-version'],
  ])('%s gives one clear diagnostic', (_, input, code) => {
    const result = compileFlow(input);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(result.diagnostics[0]!.message).not.toMatch(/\n\s+at /);
  });

  it('points schema errors at the node and field', () => {
    const flow = baseFlow() as unknown as { nodes: { data: Record<string, unknown> }[] };
    flow.nodes[1]!.data.outcomes = 'ready';
    const [d] = lintFlow(flow);
    expect(d).toMatchObject({ code: 'flow-schema', nodeId: 'ask1', field: '/data/outcomes' });
  });

  it('refuses huge strings and unknown kinds with schema findings', () => {
    const flow = baseFlow() as unknown as { nodes: Record<string, unknown>[] };
    (flow.nodes[1]!.data as { prompt: { en: string } }).prompt.en = 'a'.repeat(100_000);
    flow.nodes.push({ id: 'x', kind: 'teleport', position: { x: 0, y: 0 }, data: {} });
    const codes = lintFlow(flow).map((d) => [d.code, d.nodeId]);
    expect(codes).toContainEqual(['flow-schema', 'ask1']);
    expect(codes).toContainEqual(['flow-schema', 'x']);
  });

  it('caps the number of schema findings', () => {
    const flow = baseFlow() as unknown as { nodes: unknown[] };
    for (let i = 0; i < 500; i++) flow.nodes.push({ id: `n${i}`, kind: 'say', position: { x: 0, y: 0 }, data: {} });
    expect(lintFlow(flow).length).toBeLessThanOrEqual(51);
  });

  it('does not throw on a cyclic object', () => {
    const flow = baseFlow() as unknown as Record<string, unknown>;
    (flow.process as Record<string, unknown>).self = flow;
    expect(compileFlow(flow).ok).toBe(false);
  });

  it('never throws from a resolver that throws', () => {
    const flow = baseFlow();
    flow.nodes.push({ id: 'sub', kind: 'subflow', position: { x: 0, y: 0 }, data: { processKey: 'x', inputs: {}, outputs: {} } });
    flow.edges.find((e) => e.id === 'e2')!.target = 'sub';
    flow.edges.push({ id: 'e9', source: 'sub', outcome: 'done', target: 'end1' });
    const result = compileFlow(flow, {
      resolveProcess: () => {
        throw new Error('database down');
      },
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['subflow-unknown-process']);
  });
});

describe('flow.schema.json', () => {
  it('is the published copy of flowSchema (npm run schema -w compiler rewrites it)', () => {
    const file = JSON.parse(readFileSync(new URL('../flow.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(flowSchema)));
  });
});

describe('size and depth that once overflowed the stack', () => {
  it('a value nested 25,000 levels deep is flow-too-large with its path, not a compiler failure', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 25_000; i++) deep = [deep];
    const flow = baseFlow();
    flow.process.variables.push({ name: 'deep', type: 'dyn', default: deep as never });
    const result = compileFlow(flow);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'flow-too-large', field: expect.stringMatching(/^\/process\/variables\/\d+\/default(\/0)+$/) });
    // The same as JSON text (JSON.stringify would itself overflow: written by hand).
    flow.process.variables.pop();
    flow.process.variables.push({ name: 'deep', type: 'dyn', default: 0 });
    const text = JSON.stringify(flow).replace('"default":0', `"default":${'['.repeat(25_000)}1${']'.repeat(25_000)}`);
    expect(compileFlow(text).diagnostics.map((d) => d.code)).toEqual(['flow-too-large']);
  }, 60_000);

  it('a 25,000-node flow without edges gets schema diagnostics', () => {
    const flow = baseFlow();
    for (let i = 0; i < 25_000; i++) flow.nodes.push({ id: `s${i}`, kind: 'say', position: { x: 0, y: i }, data: { text: { en: 'Hi' } } } as never);
    flow.edges = [];
    const codes = compileFlow(flow).diagnostics.map((d) => d.code);
    expect(codes).toContain('flow-schema');
    expect(codes).not.toContain('compiler-failure');
  }, 60_000);
});
