import { loadMachine, MAX_FORMAT_VERSION, validateMachine, type MachineJson } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { compileFlow } from './index.js';
import { machineFormatVersion, VERSION_2_FEATURES } from './format-version.js';
import { baseFlow } from '../test/helpers.js';

describe('machine format version', () => {
  it('a flow without a feature of format 2 compiles to formatVersion 1', () => {
    const result = compileFlow(baseFlow());
    expect(result.ok).toBe(true);
    expect(result.machine!.meta.vm.formatVersion).toBe(1);
    expect(machineFormatVersion(result.machine!)).toBe(1);
  });

  it('each feature predicate is false for a version-1 machine', () => {
    const machine = compileFlow(baseFlow()).machine!;
    for (const [name, uses] of Object.entries(VERSION_2_FEATURES)) expect(uses(machine), name).toBe(false);
  });

  it('each feature is found where it hides (nested states, guards, the machine\'s own on), and no other one with it', () => {
    const base = () => {
      const m = structuredClone(compileFlow(baseFlow()).machine!) as MachineJson;
      // A compound state (an inlined subflow) holding one inner state.
      m.states.sub = { id: 'sub', meta: { vm: { kind: 'subflow', nodeId: 'sub', scope: 'main' } }, initial: 'in', states: { in: { id: 'sub/in', meta: { vm: { kind: 'say', nodeId: 'in', scope: 'c' } } } } };
      return m;
    };
    const inner = (m: MachineJson) => m.states.sub!.states!.in!;
    const uses: Record<string, (m: MachineJson) => void> = {
      requestRetryPolicy: (m) => (inner(m).entry = [{ type: 'vm.request', params: { method: 'GET', url: 'https://x/', timeoutMs: 1000, retries: 1, retryStatuses: [503] } }]),
      requestStatusClasses: (m) => (inner(m).on = { 'REQUEST.notFound': { target: '#ask1' } }),
      pluralFunction: (m) => (inner(m).always = [{ guard: { type: 'vm.cel', params: { expr: "plural(qty, 'a', 'b') == 'a'" } }, target: '#ask1' }]),
      askRound2: (m) => (m.meta.vm.settings.confirmBelow = 0.8),
      writeMark: (m) => (m.on = { 'GLOBAL.x': { target: '#ask1', actions: [{ type: 'vm.request', params: { method: 'GET', url: 'https://x/', timeoutMs: 1000, retries: 0, write: true } }] } }),
      builtinWords: (m) => (m.meta.vm.builtinWords = {}),
      askWords: (m) => (inner(m).exit = [{ type: 'vm.ask', params: { words: [] } } as never]),
    };
    expect(Object.keys(uses).sort()).toEqual(Object.keys(VERSION_2_FEATURES).sort());
    expect(machineFormatVersion(base())).toBe(1);
    for (const [name, use] of Object.entries(uses)) {
      const m = base();
      use(m);
      expect(machineFormatVersion(m), name).toBe(2);
      for (const [other, test] of Object.entries(VERSION_2_FEATURES)) expect(test(m), `${name}: ${other}`).toBe(other === name);
    }
  });

  it('plural( counts in a whole expression or inside a placeholder, not in plain text or as a method', () => {
    const withText = (key: string, text: string) => {
      const m = structuredClone(compileFlow(baseFlow()).machine!) as MachineJson;
      m.states.ask1!.entry = [{ type: 'vm.say', params: { [key]: text } as never }];
      return VERSION_2_FEATURES.pluralFunction!(m);
    };
    expect(withText('text', "{{ plural(qty, 'a', 'b') }}")).toBe(true);
    expect(withText('text', "plural(qty, 'a', 'b')")).toBe(false);
    expect(withText('expr', "plural (qty, 'a', 'b')")).toBe(true);
    expect(withText('expr', "x.plural(qty)")).toBe(false);
    expect(withText('body', "{'n': plural(qty, 'a', 'b')}")).toBe(true);
    expect(withText('text', '{{ qty }} plural( {{ name }}')).toBe(false);
  });

  it('the runtime runs 1 and 2 and refuses a newer machine with one clear issue', () => {
    const machine = compileFlow(baseFlow()).machine! as MachineJson;
    const v2 = structuredClone(machine);
    v2.meta.vm.formatVersion = 2;
    expect(() => loadMachine(v2)).not.toThrow();
    const v3 = structuredClone(machine) as unknown as { meta: { vm: { formatVersion: number } } };
    v3.meta.vm.formatVersion = MAX_FORMAT_VERSION + 1;
    const issues = validateMachine(v3);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/formatVersion 3 is newer than this runtime runs \(1 to 2\)/);
  });
});
