/** The flow's `switchPoint` node property: compiled to `meta.vm.switchPoint`, absent → same bytes. */
import { describe, expect, it } from 'vitest';
import { exampleFlows, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { loadMachine, type StateJson } from '@voiceman/runtime';
import { canonicalJson, compileFlow, parseFlow, type FlowGraph } from '../src/index.js';

const options = { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() };
const compile = (flow: FlowGraph) => compileFlow(flow, options);

function statesOf(states: Record<string, StateJson>, out: StateJson[] = []): StateJson[] {
  for (const state of Object.values(states)) {
    out.push(state);
    if (state.states) statesOf(state.states, out);
  }
  return out;
}

describe('switchPoint', () => {
  for (const flow of exampleFlows()) {
    const key = flow.process.key;
    it(`${key}: switchPoint false on every node compiles to the same bytes as no switchPoint`, () => {
      const plain = compile(flow);
      expect(plain.ok).toBe(true);
      const allFalse = compile({ ...flow, nodes: flow.nodes.map((n) => ({ ...n, switchPoint: false })) });
      expect(allFalse.canonical).toBe(plain.canonical);
      expect(allFalse.hash).toBe(plain.hash);
      expect(plain.canonical).not.toContain('switchPoint');
    });

    it(`${key}: switchPoint true on an ask marks its state and adds nothing else`, () => {
      const ask = flow.nodes.find((n) => n.kind === 'ask')!;
      const marked = compile({ ...flow, nodes: flow.nodes.map((n) => (n.id === ask.id ? { ...n, switchPoint: true } : n)) });
      expect(marked.ok).toBe(true);
      const states = statesOf(marked.machine!.states);
      expect(states.filter((s) => s.meta.vm.switchPoint).map((s) => s.id)).toEqual([ask.id]);
      expect(marked.hash).not.toBe(compile(flow).hash);
      // Without the one key, the machine is the unmarked one byte for byte.
      for (const s of states) delete s.meta.vm.switchPoint;
      expect(canonicalJson(marked.machine)).toBe(compile(flow).canonical);
      expect(() => loadMachine(marked.machine)).not.toThrow();
    });
  }

  it('a switch point inside a called subflow is marked under the call scope', () => {
    const caller = exampleFlows().find((f) => f.nodes.some((n) => n.kind === 'subflow'))!;
    const call = caller.nodes.find((n) => n.kind === 'subflow')!;
    if (call.kind !== 'subflow') throw new Error('no subflow');
    const callee = resolveExampleProcess(call.data.processKey)!;
    const ask = callee.nodes.find((n) => n.kind === 'ask')!;
    const markedCallee = { ...callee, nodes: callee.nodes.map((n) => (n.id === ask.id ? { ...n, switchPoint: true } : n)) };
    const result = compileFlow(caller, { ...options, resolveProcess: (k) => (k === callee.process.key ? markedCallee : resolveExampleProcess(k)) });
    const marked = statesOf(result.machine!.states).filter((s) => s.meta.vm.switchPoint);
    expect(marked.map((s) => s.id)).toEqual([`${call.id}/${ask.id}`]);
  });

  it('the flow schema refuses a switchPoint that is not a boolean', () => {
    const flow = exampleFlows()[0]!;
    const text = JSON.stringify({ ...flow, nodes: flow.nodes.map((n, i) => (i === 1 ? { ...n, switchPoint: 'yes' } : n)) });
    const parsed = parseFlow(text);
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed.diagnostics)).toMatch(/switchPoint/);
  });
});
