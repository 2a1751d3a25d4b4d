/**
 * What the driver records per microstep (through the loader's step hooks, job-sink.ts): the
 * variables a microstep changed, then its transition, in the state it ended in; eventless steps
 * named `always`; no inspection needed unless an embedder asks for it.
 */
import { describe, expect, it } from 'vitest';
import { askMachine, run } from './helpers.js';
import type { DialogInspectionEvent } from '../src/index.js';

function calcMachine() {
  const m = askMachine();
  m.states.q!.on!['ANSWER.qty'] = { target: '#calc', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'answer', expr: 'event.value' }] } }] };
  m.states.calc = {
    id: 'calc',
    meta: { vm: { nodeId: 'calc', kind: 'set', scope: 'main' } },
    entry: [{ type: 'vm.assign', params: { assignments: [{ variable: 'way', expr: '"calc"' }] } }],
    always: { target: '#answered' },
  };
  return m;
}

describe('microsteps recorded by the driver', () => {
  it("a transition's and an entered state's assignments come before the transition, in the state entered; the eventless step is `always`", async () => {
    const { host, result } = await run(calcMachine(), { listen: ['seven'] });
    expect(result.status).toBe('done');
    const steps = host.events.filter((e) => e.type === 'variable' || e.type === 'transition').map((e) => (e.type === 'variable' ? `${e.state} ${String(e.data.name)}=${JSON.stringify(e.data.value)}` : `${e.state} ${String(e.data.from)}>${String(e.data.to)}:${String(e.data.event)}`));
    expect(steps).toEqual(['q null>q:xstate.init', 'calc answer=7', 'calc way="calc"', 'calc q>calc:ANSWER.qty', 'answered calc>answered:always']);
  });

  it('an inspector sees the same microsteps, and the dialog records the same events with or without one', async () => {
    const seen: DialogInspectionEvent[] = [];
    const plain = await run(calcMachine(), { listen: ['seven'] });
    const inspected = await run(calcMachine(), { listen: ['seven'] }, { inspect: (ev) => seen.push(ev) });
    const shape = (events: typeof plain.host.events) => events.map((e) => ({ ...e, id: '', ts: 0 }));
    expect(shape(inspected.host.events)).toEqual(shape(plain.host.events));
    const microsteps = seen.filter((e) => e.type === 'microstep').map((e) => (e.type === 'microstep' ? e.transitions.map((t) => `${t.source}>${t.targets.join(',')}:${t.eventType}`).join(' ') : ''));
    expect(microsteps).toEqual(['q>calc:ANSWER.qty', 'calc>answered:']);
  });
});
