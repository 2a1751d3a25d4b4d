import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, runUntilDone } from '@voiceman/runtime';
import { compileFlow, type FlowGraph, type FlowNode } from '../src/index.js';
import { baseFlow, at } from './helpers.js';

type AskNode = Extract<FlowNode, { kind: 'ask' }>;
const ask1 = (f: FlowGraph) => f.nodes.find((n) => n.id === 'ask1') as AskNode;

/** ask1 checks that the answer is "ready" among ready/skip; three wrong → a supervisor end. */
function checkedFlow(): FlowGraph {
  const f = baseFlow();
  ask1(f).data.outcomes.push({ name: 'skip', grammar: { type: 'phrases', phrases: { en: ['skip'] } } });
  ask1(f).data.check = { expr: 'answer.name == "ready"', wrong: { en: 'Wrong, not {{ answer.text }}.' }, limit: 2 };
  f.nodes.push({ id: 'supervisor', kind: 'end', position: at, data: { text: { en: 'Call your supervisor.' }, outcome: 'supervisor' } });
  f.edges.push({ id: 'e5', source: 'ask1', outcome: 'skip', target: 'end1' }, { id: 'e6', source: 'ask1', outcome: 'wrong', target: 'supervisor' });
  return f;
}

describe('asks of format version 2', () => {
  it('a flow without the new properties stays format version 1, with no new keys', () => {
    const r = compileFlow(baseFlow());
    expect(r.machine!.meta.vm.formatVersion).toBe(1);
    expect(r.canonical).not.toMatch(/check|confirmBelow|bargeIn|WRONG/);
  });

  it.each([
    ['check', checkedFlow()],
    ['confirm.condition', (() => { const f = baseFlow(); ask1(f).data.confirm = { prompt: { en: 'Sure?' }, condition: 'answer.text != ""' }; return f; })()],
    ['confirmBelow', (() => { const f = baseFlow(); ask1(f).data.confirmBelow = 0.8; return f; })()],
    ['process confirmBelow', (() => { const f = baseFlow(); f.process.settings = { confirmBelow: 0.8 }; return f; })()],
    ['bargeIn false', (() => { const f = baseFlow(); ask1(f).data.bargeIn = false; return f; })()],
  ])('%s makes the machine format version 2', (_name, flow) => {
    const r = compileFlow(flow);
    expect(r.diagnostics).toEqual([]);
    expect(r.machine!.meta.vm.formatVersion).toBe(2);
  });

  it('bargeIn true is the default and compiles to nothing', () => {
    const f = baseFlow();
    ask1(f).data.bargeIn = true;
    expect(compileFlow(f).hash).toBe(compileFlow(baseFlow()).hash);
  });

  it('the wrong outcome compiles to WRONG, and the runtime leaves through it after the limit', async () => {
    const r = compileFlow(checkedFlow());
    expect(r.machine!.states.ask1!.on!.WRONG).toEqual({ target: '#supervisor' });
    const host = createScriptedHost({ listen: ['skip', 'skip'] });
    const dialog = createDialog(loadMachine(r.machine!), host, { sessionId: 's', terminalId: 't', versionHash: r.hash! });
    const result = await runUntilDone(dialog, host);
    expect(result.stateId).toBe('supervisor');
    expect(host.spoken.map((s) => s.text)).toEqual(['Ready?', 'Wrong, not skip.', 'Ready?', 'Call your supervisor.']);
  });
});
