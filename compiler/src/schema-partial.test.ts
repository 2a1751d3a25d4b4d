import { describe, expect, it } from 'vitest';
import { at, baseFlow } from '../test/helpers.js';
import { compileFlow, lintFlow, type FlowGraph } from './index.js';

/** baseFlow with a request node whose mapping row is empty, between ask1's "ready" and end1. */
function withEmptyMapping(): FlowGraph {
  const flow = baseFlow();
  flow.nodes.push({
    id: 'req',
    kind: 'request',
    position: at,
    data: { method: 'GET', url: 'https://wms.example/tasks', timeoutMs: 5000, retries: 0, mapping: [{ variable: 'qty', expr: '' }] },
  });
  flow.edges = flow.edges.map((e) => (e.id === 'e2' ? { ...e, target: 'req' } : e));
  flow.edges.push({ id: 'e5', source: 'req', outcome: 'ok', target: 'end1' }, { id: 'e6', source: 'req', outcome: 'error', target: 'end1' });
  return flow;
}

describe('a schema problem in one node', () => {
  it('does not hide the findings elsewhere in the flow', () => {
    const flow = withEmptyMapping();
    // A second, unrelated problem: the end node says an unknown variable.
    (flow.nodes[2]!.data as { text: { en: string } }).text.en = 'Bye {{ nobody }}.';
    const found = lintFlow(flow).map((d) => [d.code, d.nodeId]);
    expect(found).toContainEqual(['flow-schema', 'req']);
    expect(found).toContainEqual(['cel-invalid', 'end1']);
    // Leaving the broken node out causes nothing: ask1's "ready" leads into it, not nowhere.
    expect(found).not.toContainEqual(['dead-end', 'ask1']);
    expect(found).not.toContainEqual(['unreachable-node', 'end1']);
    expect(compileFlow(flow)).toMatchObject({ ok: false });
    expect(compileFlow(flow).diagnostics.map((d) => d.code)).toEqual(lintFlow(flow).map((d) => d.code));
  });

  it('names the field in words, keeping the pointer for the editor', () => {
    const [d] = lintFlow(withEmptyMapping());
    expect(d).toMatchObject({ code: 'flow-schema', nodeId: 'req', field: '/data/mapping/0/expr' });
    expect(d!.message).toBe('Response mapping 1, expression: must not be empty.');
    expect(d!.message).not.toMatch(/\/nodes\//);
  });

  it('states the process key rule', () => {
    const flow = baseFlow();
    flow.process.key = '1cold';
    const [d] = lintFlow(flow);
    expect(d).toMatchObject({ code: 'flow-schema', field: '/process/key' });
    expect(d!.message).toMatch(/starts with a lowercase letter/);
  });

  it('a flow-level schema problem still stops at the schema', () => {
    const flow = baseFlow() as unknown as { process: { languages: unknown } };
    flow.process.languages = ['xx'];
    expect(lintFlow(flow).map((d) => d.code)).toEqual(['flow-schema']);
  });
});
