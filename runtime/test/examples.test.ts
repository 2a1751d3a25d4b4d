/**
 * The real example processes, compiled by the real compiler: each loads in the runtime and in
 * plain xstate with stubs. (Integration across workspaces, through the vitest aliases.)
 */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { compileFlow } from '@voiceman/compiler';
import { exampleFlows, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { loadMachine, validateMachine } from '../src/index.js';

const stubs = {
  actions: Object.fromEntries(['vm.say', 'vm.ask', 'vm.assign', 'vm.request', 'vm.result'].map((t) => [t, () => {}])),
  guards: { 'vm.cel': () => false },
};

describe('example processes', () => {
  for (const flow of exampleFlows()) {
    it(`${flow.process.key}: compiles, validates, loads in the runtime and in plain xstate`, () => {
      const { machine } = compileFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() } as never) as { machine?: unknown };
      expect(machine).toBeDefined();
      expect(validateMachine(machine)).toEqual([]);
      expect(Object.keys(loadMachine(machine).states).length).toBeGreaterThan(3);
      const actor = createActor(createMachine(JSON.parse(JSON.stringify(machine))).provide(stubs as never)).start();
      expect(actor.getSnapshot().status).not.toBe('error');
      actor.stop();
    });
  }
});
