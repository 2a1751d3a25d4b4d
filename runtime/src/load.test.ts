import { describe, expect, it } from 'vitest';
import { loadMachine, MachineValidationError, validateMachine } from './load.js';
import { clone, fixtures, pickMachine } from '../test/fixtures.js';
import type { MachineJson } from './format.js';

function issuesOf(mutate: (m: MachineJson) => void) {
  const m = clone(pickMachine);
  mutate(m);
  return validateMachine(m);
}

function entryParams(m: MachineJson, state: string, i = 0): Record<string, unknown> {
  return m.states[state]!.entry![i]!.params as unknown as Record<string, unknown>;
}

describe('loadMachine', () => {
  it.each(Object.keys(fixtures))('loads fixture %s', (name) => {
    const loaded = loadMachine(fixtures[name]);
    expect(Object.keys(loaded.states).length).toBeGreaterThan(3);
    expect(validateMachine(fixtures[name])).toEqual([]);
  });

  it('refuses with MachineValidationError listing path, state and field', () => {
    const m = clone(pickMachine);
    (m.states.slot!.entry![0] as { type: string }).type = 'vm.shout';
    let error: unknown;
    try {
      loadMachine(m);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MachineValidationError);
    const { issues, message } = error as MachineValidationError;
    expect(issues).toEqual([{ path: '/states/slot/entry/0/type', stateId: 'slot', field: 'type', message: expect.stringContaining('unknown action "vm.shout"') }]);
    expect(message).toContain('state "slot", type: unknown action "vm.shout"');
  });

  it('bad CEL in a guard names the state, field and expression', () => {
    const issues = issuesOf((m) => {
      const t = m.states.slot!.on!['ANSWER.digits'] as { guard?: { params: { expr: string } } }[];
      t[0]!.guard!.params.expr = 'event.value ==';
    });
    expect(issues).toEqual([expect.objectContaining({ stateId: 'slot', field: 'guard', path: '/states/slot/on/ANSWER.digits/0/guard/params/expr' })]);
    expect(issues[0]!.message).toMatch(/CEL "event.value ==": Unexpected/);
  });

  it('a guard that is not a bool is refused', () => {
    const issues = issuesOf((m) => {
      const t = m.states.slot!.on!['ANSWER.digits'] as { guard?: { params: { expr: string } } }[];
      t[0]!.guard!.params.expr = 'checkDigits';
    });
    expect(issues[0]!.message).toMatch(/yields string, expected bool/);
  });

  it('missing target', () => {
    const issues = issuesOf((m) => {
      (m.states.quantity!.on!['ANSWER.qty'] as { target: string }).target = '#nowhere';
    });
    expect(issues).toEqual([expect.objectContaining({ stateId: 'quantity', field: 'on.ANSWER.qty', path: '/states/quantity/on/ANSWER.qty/target' })]);
    expect(issues[0]!.message).toMatch(/"#nowhere" is not the id of any state/);
  });

  it('unknown variable in an assignment and in a prompt', () => {
    const issues = issuesOf((m) => {
      const t = m.states.operatorId!.on!['ANSWER.id'] as { actions: { params: { assignments: { variable: string }[] } }[] };
      t.actions[0]!.params.assignments[0]!.variable = 'operatr';
      (entryParams(m, 'quantity').prompt as Record<string, string>).en = 'Pick {{ quantty }}';
    });
    expect(issues.map((i) => [i.stateId, i.field])).toEqual([
      ['operatorId', 'assignments'],
      ['quantity', 'prompt'],
    ]);
    expect(issues[0]!.message).toBe('unknown variable "operatr" in scope "main"');
    expect(issues[1]!.message).toMatch(/Unknown variable: quantty/);
    expect(issues[1]!.path).toBe('/states/quantity/entry/0/params/prompt/en');
  });

  it('wrong types: a string assigned to an int, a bad default, a malformed field', () => {
    const issues = issuesOf((m) => {
      const t = m.states.quantity!.on!['ANSWER.qty'] as { actions: { params: { assignments: { expr: string }[] } }[] };
      t.actions[0]!.params.assignments[0]!.expr = '"three"';
      m.meta.vm.scopes.main!.variables.picked!.default = 'none';
    });
    expect(issues.map((i) => i.message)).toEqual([
      'default of main.picked: expected int, got "none"',
      'CEL ""three"" yields string, expected int',
    ]);
    const schema = issuesOf((m) => {
      entryParams(m, 'getAssignment').timeoutMs = 'soon';
    });
    expect(schema).toEqual([expect.objectContaining({ stateId: 'getAssignment', field: 'timeoutMs', path: '/states/getAssignment/entry/0/params/timeoutMs' })]);
  });

  it('an ask outcome without a transition, an unknown event, an unclosed template', () => {
    const issues = issuesOf((m) => {
      delete m.states.slot!.on!.NOMATCH;
      m.states.slot!.on!.TIMEOUT = { target: '#done' };
      (entryParams(m, 'welcome').text as Record<string, string>).ru = 'Привет {{ operator';
    });
    expect(issues.map((i) => `${i.stateId}:${i.field}`).sort()).toEqual(['slot:on', 'slot:on', 'welcome:text']);
    expect(issues.find((i) => i.message.startsWith('"NOMATCH"'))!.message).toMatch(/"NOMATCH" is not handled/);
    expect(issues.find((i) => i.message.includes('TIMEOUT'))!.message).toMatch(/unknown event "TIMEOUT"/);
  });

  it('duplicate ids, id/key mismatch, a dead-end state, unknown scope', () => {
    const issues = issuesOf((m) => {
      m.states.extra = { id: 'other', meta: { vm: { nodeId: 'x', kind: 'say', scope: 'nope' } } };
    });
    const messages = issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/state id "other" must equal its key "extra"/);
    expect(messages).toMatch(/waits for nothing/);
    expect(messages).toMatch(/unknown scope "nope"/);
  });

  it('a transition back to its own ask without reenter is refused (XState would not run the ask again)', () => {
    const issues = issuesOf((m) => {
      m.states.slot!.on!.NOMATCH = { target: '#slot' };
    });
    expect(issues).toEqual([expect.objectContaining({ stateId: 'slot', field: 'on.NOMATCH', path: '/states/slot/on/NOMATCH/reenter' })]);
    expect(issuesOf((m) => (m.states.slot!.on!.NOMATCH = { target: '#slot', reenter: true }))).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const junk of [null, 42, 'x', [], {}, { id: 1 }, { ...clone(pickMachine), states: [] }]) {
      expect(validateMachine(junk).length).toBeGreaterThan(0);
      expect(() => loadMachine(junk)).toThrow(MachineValidationError);
    }
  });
});
