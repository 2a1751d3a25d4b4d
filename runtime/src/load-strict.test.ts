/** "Nothing unknown is silently skipped": what the loader refuses beyond the basics (load.test.ts). */
import { describe, expect, it } from 'vitest';
import { loadMachine, MachineValidationError, validateMachine } from './load.js';
import { clone, pickMachine, safetyMachine } from '../test/fixtures.js';
import type { MachineJson } from './format.js';

function issuesOf(mutate: (m: MachineJson) => void, base: MachineJson = pickMachine) {
  const m = clone(base);
  mutate(m);
  return validateMachine(m);
}
const messages = (issues: { message: string }[]) => issues.map((i) => i.message).join('\n');

describe('loader strictness', () => {
  it('ANSWER.<name> must name an outcome of the ask it can come from', () => {
    const issues = issuesOf((m) => {
      m.states.slot!.on!['ANSWER.qty'] = { target: '#done' }; // slot asks for digits, not qty
      m.states.getAssignment!.on!['ANSWER.id'] = { target: '#done' }; // a request sends no answers
    });
    expect(issues.map((i) => `${i.stateId}:${i.field}`).sort()).toEqual(['getAssignment:on', 'slot:on']);
    expect(messages(issues)).toMatch(/"ANSWER.qty" can never arrive here: no ask in "slot" has an outcome "qty" \(outcomes: digits\)/);
    // a compound state's handler may name an outcome of an ask inside it, the root any ask's
    expect(issuesOf((m) => (m.on!['ANSWER.qty'] = { target: '#done' }))).toEqual([]);
    expect(messages(issuesOf((m) => (m.on!['ANSWER.nope'] = { target: '#done' })))).toMatch(/"ANSWER.nope" can never arrive/);
    expect(issuesOf((m) => (m.states.regionCall!.on = { 'ANSWER.n': { target: '#ready' } }), safetyMachine)).toEqual([]);
  });

  it('REQUEST.* only where a request can send it', () => {
    const issues = issuesOf((m) => {
      m.states.slot!.on!['REQUEST.OK'] = { target: '#done' };
    });
    expect(issues).toEqual([expect.objectContaining({ stateId: 'slot', field: 'on', message: expect.stringMatching(/"REQUEST.OK" can never arrive here: no request in "slot"/) })]);
    expect(messages(issuesOf((m) => (m.states.getAssignment!.on!.NOMATCH = { target: '#done' })))).toMatch(/"NOMATCH" can never arrive here: no ask/);
  });

  it('state keys with ".", "#", whitespace are refused by the schema (createMachine would throw its own error)', () => {
    for (const key of ['a.b', 'a#b', 'a b', '']) {
      const m = clone(pickMachine);
      m.states[key] = { id: key, type: 'final', meta: { vm: { nodeId: 'x', kind: 'end', scope: 'main' } } };
      const issues = validateMachine(m);
      expect(issues.length, key).toBeGreaterThan(0);
      expect(messages(issues)).toMatch(/state key/);
      expect(() => loadMachine(m)).toThrow(MachineValidationError);
    }
  });

  it('variables named event, session or ref are refused (they would shadow the built-ins)', () => {
    const issues = issuesOf((m) => {
      m.meta.vm.scopes.main!.variables.event = { type: 'string' };
      m.meta.vm.scopes.main!.variables.ref = { type: 'map' };
    });
    expect(issues.map((i) => i.message)).toEqual([
      'variable main.event: "event" is reserved (event, session, ref)',
      'variable main.ref: "ref" is reserved (event, session, ref)',
    ]);
    expect(issues[0]!.path).toBe('/meta/vm/scopes/main/variables/event');
  });

  it('a global word with no phrases in a declared language is refused', () => {
    const issues = issuesOf((m) => {
      m.meta.vm.globalWords[0]!.phrases = { en: ['sign off'] };
    });
    expect(issues).toEqual([{ path: '/meta/vm/globalWords/0/phrases', field: 'phrases', message: 'global word "signOff" has no phrases in ru' }]);
    expect(issuesOf((m) => (m.meta.vm.globalWords[0]!.phrases = { en: ['sign off'], ru: [] })).length).toBe(1);
  });

  it('onDone on an atomic state, on/always on a final state are refused', () => {
    const issues = issuesOf((m) => {
      m.states.slot!.onDone = { target: '#done' };
      m.states.wmsDown!.on = { 'GLOBAL.signOff': { target: '#done' } };
      m.states.done!.always = { target: '#wmsDown' };
    });
    expect(issues.map((i) => `${i.stateId}:${i.field}:${i.message}`).sort()).toEqual([
      'done:always:a final state has no "always" (it is the end)',
      'slot:onDone:only a compound state (with "states") finishes: "onDone" on an atomic state never fires',
      'wmsDown:on:a final state has no "on" (it is the end)',
    ]);
  });

  it('long expressions are clipped in messages', () => {
    const long = `${'operator + '.repeat(30)}`;
    const issues = issuesOf((m) => {
      const t = m.states.operatorId!.on!['ANSWER.id'] as { actions: { params: { assignments: { expr: string }[] } }[] };
      t.actions[0]!.params.assignments[0]!.expr = long;
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain(`CEL "${long.slice(0, 120)}…"`);
    expect(issues[0]!.message.length).toBeLessThan(long.length + 40);
  });
});
