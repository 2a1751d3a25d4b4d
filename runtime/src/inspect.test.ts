/**
 * An embedder's inspector (the simulator) gets transitions from XState's underscored
 * `_transitions` on microstep inspection events (no public equivalent in v5): these tests pin
 * the shape it relies on, so an XState update that changes it fails here instead of silently
 * losing them. xstate is pinned to an exact
 * version in package.json for the same reason.
 */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, type InspectionEvent } from 'xstate';
import pkg from '../package.json' with { type: 'json' };
import { inspectionObserver } from './inspect.js';

const machine = createMachine({
  id: 'm',
  initial: 'a',
  states: {
    a: { id: 'a', on: { GO: { target: '#b' }, AGAIN: { target: '#a', reenter: true } } },
    b: { id: 'b', always: { target: '#c' } },
    c: { id: 'c', on: { GO: { target: '#a' } } },
  },
});

function microsteps(send: string[]): Extract<InspectionEvent, { type: '@xstate.microstep' }>[] {
  const seen: Extract<InspectionEvent, { type: '@xstate.microstep' }>[] = [];
  const actor = createActor(machine, { inspect: (ev) => void (ev.type === '@xstate.microstep' && seen.push(ev)) }).start();
  for (const type of send) actor.send({ type });
  const steps = [...seen];
  actor.stop();
  return steps;
}

describe("XState's private microstep transitions", () => {
  it('xstate is pinned to one exact version', () => {
    expect(pkg.dependencies.xstate).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('every microstep carries `_transitions`: eventType ("" when eventless), source and targets as state nodes, reenter', () => {
    const steps = microsteps(['AGAIN', 'GO']);
    const shapes = steps.map((s) => s._transitions.map((t) => ({ eventType: t.eventType, source: t.source.id, targets: (t.target ?? []).map((n) => n.id), reenter: t.reenter })));
    expect(shapes).toEqual([
      [{ eventType: 'AGAIN', source: 'a', targets: ['a'], reenter: true }],
      [{ eventType: 'GO', source: 'a', targets: ['b'], reenter: false }],
      [{ eventType: '', source: 'b', targets: ['c'], reenter: false }],
    ]);
  });

  it("an embedder's inspector sees each microstep with its transitions", () => {
    const seen: { leaf: unknown; transitions: { eventType: string; targets: string[]; reenter: boolean }[] }[] = [];
    const observe = inspectionObserver((ev) => {
      if (ev.type === 'microstep') seen.push({ leaf: ev.snapshot.value, transitions: ev.transitions.map((t) => ({ eventType: t.eventType, targets: t.targets, reenter: t.reenter })) });
    }, 's');
    const actor = createActor(machine, { inspect: observe }).start();
    actor.send({ type: 'AGAIN' });
    actor.send({ type: 'GO' });
    const steps = seen.filter((s) => s.transitions.length > 0);
    actor.stop();
    expect(steps).toEqual([
      { leaf: 'a', transitions: [{ eventType: 'AGAIN', targets: ['a'], reenter: true }] },
      { leaf: 'b', transitions: [{ eventType: 'GO', targets: ['b'], reenter: false }] },
      { leaf: 'c', transitions: [{ eventType: '', targets: ['c'], reenter: false }] },
    ]);
  });
});
