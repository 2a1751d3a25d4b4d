import { describe, expect, it } from 'vitest';
import type { FlowGraph, FlowNode } from '@voiceman/compiler';
import { newFlow } from '../../graph/new-flow.js';
import { calledKeys, fetchCallees } from './subflow-graphs.js';

const calling = (key: string, callees: string[]): FlowGraph => ({
  ...newFlow(key, key),
  nodes: [
    ...newFlow(key, key).nodes,
    ...callees.map((c, i): FlowNode => ({ id: `sub${i}`, kind: 'subflow', position: { x: 0, y: 0 }, data: { processKey: c, inputs: {}, outputs: {} } })),
  ],
});

describe('subflow callees for the live lint', () => {
  it('lists called keys once, sorted', () => {
    expect(calledKeys(calling('a', ['c', 'b', 'c']))).toEqual(['b', 'c']);
  });
  it('follows calls transitively, skips unknown processes and never loops', async () => {
    const all: Record<string, FlowGraph> = { b: calling('b', ['c', 'a']), c: calling('c', ['b']) };
    const asked: string[] = [];
    const found = await fetchCallees(calling('a', ['b', 'missing']), async (k) => (asked.push(k), all[k]));
    expect(Object.keys(found).sort()).toEqual(['b', 'c']);
    expect(asked.sort()).toEqual(['b', 'c', 'missing']);
  });
});
