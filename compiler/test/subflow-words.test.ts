/** A called process's own process-wide words work while (and only while) the call runs. */
import { createDialog, createScriptedHost, loadMachine } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '../src/index.js';
import { at } from './generate.js';
import { baseFlow } from './helpers.js';

/** Caller: ask1 "ready" → sub → end1. Callee: its ask1 "ready" → end1; word "cancel task" → bail (outcome failed). */
function flows(): { caller: FlowGraph; callee: FlowGraph } {
  const callee = baseFlow();
  callee.process.key = 'callee';
  callee.nodes.push({ id: 'bail', kind: 'end', position: at, data: { outcome: 'failed', text: { en: 'Cancelled.' } } });
  callee.process.globalWords = [{ name: 'cancel', phrases: { en: ['cancel task'] }, target: 'bail' }];
  const caller = baseFlow();
  caller.nodes.push({ id: 'sub', kind: 'subflow', position: at, data: { processKey: 'callee', inputs: {}, outputs: {} } });
  caller.nodes.push({ id: 'gaveUp', kind: 'end', position: at, data: { text: { en: 'Gave up.' }, result: '"failed"' } });
  caller.edges.find((e) => e.id === 'e2')!.target = 'sub';
  caller.edges.push({ id: 'e9', source: 'sub', outcome: 'done', target: 'end1' }, { id: 'e10', source: 'sub', outcome: 'failed', target: 'gaveUp' });
  return { caller, callee };
}

async function run(machine: unknown, listen: string[]) {
  const host = createScriptedHost({ listen });
  const dialog = createDialog(loadMachine(machine), host, { sessionId: 's1', terminalId: 't1', versionHash: 'h' });
  await dialog.start();
  const outcome = await Promise.race([dialog.done, host.blocked().then((why) => ({ status: `blocked on ${why}` }))]);
  return { host, outcome };
}

describe("a callee's process-wide words", () => {
  it('compile as GLOBAL transitions of the call state, declared in the machine after the caller\'s', () => {
    const { caller, callee } = flows();
    caller.process.globalWords = [{ name: 'signOff', phrases: { en: ['sign off'] }, target: 'end1' }];
    const result = compileFlow(caller, { resolveProcess: (key) => (key === 'callee' ? callee : undefined) });
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
    expect(result.machine!.meta.vm.globalWords.map((w) => w.name)).toEqual(['signOff', 'cancel-sub']);
    expect(result.machine!.states.sub!.on).toEqual({ 'GLOBAL.cancel-sub': { target: '#sub/bail' } });
    expect(() => loadMachine(result.machine)).not.toThrow();
  });

  it('are heard inside the call and leave it through the callee end they lead to', async () => {
    const { caller, callee } = flows();
    const result = compileFlow(caller, { resolveProcess: (key) => (key === 'callee' ? callee : undefined) });
    const { host, outcome } = await run(result.machine, ['ready', 'cancel task']);
    expect(host.spoken.map((s) => s.text)).toContain('Cancelled.');
    expect(outcome).toMatchObject({ result: 'failed' });
  });

  it('are not heard outside the call', async () => {
    const { caller, callee } = flows();
    const result = compileFlow(caller, { resolveProcess: (key) => (key === 'callee' ? callee : undefined) });
    const { host, outcome } = await run(result.machine, ['cancel task', 'ready', 'ready']);
    expect(host.spoken.map((s) => s.text)).not.toContain('Cancelled.');
    expect(outcome).not.toMatchObject({ result: 'failed' });
  });
});
