/** Plain XState tooling must understand every published machine with stub implementations. */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { fixtures, pickMachine } from './fixtures.js';
import { askMachine } from './helpers.js';
import type { MachineJson } from '../src/index.js';

const calls: string[] = [];
const stubs = {
  actions: Object.fromEntries(['vm.say', 'vm.ask', 'vm.assign', 'vm.request', 'vm.result'].map((t) => [t, () => void calls.push(t)])),
  guards: { 'vm.cel': () => true },
};
const all: Record<string, MachineJson> = { ...fixtures, ask: askMachine() };

describe('plain xstate', () => {
  it.each(Object.keys(all))('loads %s with stubs and runs it', (name) => {
    const json = JSON.parse(JSON.stringify(all[name])) as MachineJson;
    const machine = createMachine(json as never).provide(stubs as never);
    const actor = createActor(machine).start();
    expect(actor.getSnapshot().status).toBe('active');
    const ids = machine.root.states ? Object.keys(machine.root.states) : [];
    expect(ids).toEqual(Object.keys(json.states));
    actor.stop();
  });

  it('runs the pick machine along its happy path with stub actions', () => {
    calls.length = 0;
    const actor = createActor(createMachine(pickMachine as never).provide(stubs as never)).start();
    for (const type of ['ANSWER.id', 'REQUEST.OK', 'ANSWER.digits', 'ANSWER.qty']) actor.send({ type });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().value).toBe('done');
    expect(calls).toEqual(['vm.say', 'vm.ask', 'vm.assign', 'vm.request', 'vm.assign', 'vm.ask', 'vm.ask', 'vm.assign', 'vm.say', 'vm.result']);
  });

  it('@xstate/graph walks the pick machine: every state is reachable, shortest paths exist', () => {
    const machine = createMachine(pickMachine as never).provide(stubs as never);
    const graph = toDirectedGraph(machine);
    expect(graph.children.map((c) => c.id).sort()).toEqual(Object.keys(pickMachine.states).sort());
    const events = ['ANSWER.id', 'NOINPUT', 'NOMATCH', 'REQUEST.OK', 'REQUEST.ERROR', 'ANSWER.digits', 'ANSWER.qty', 'GLOBAL.signOff'].map((type) => ({ type }));
    const paths = getShortestPaths(machine, { events });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const id of ['operatorId', 'getAssignment', 'slot', 'quantity', 'done', 'signedOff', 'wmsDown']) expect(reached).toContain(JSON.stringify(id));
  });
});
