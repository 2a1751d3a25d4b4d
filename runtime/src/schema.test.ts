import { readFileSync } from 'node:fs';
/* eslint-disable @typescript-eslint/no-explicit-any */
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { compileFlow } from '@voiceman/compiler';
import { exampleFlows, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { schemaIssues } from './schema.js';
import { compileSchema } from './schema-validator.js';
// @ts-expect-error build script without types
import { generateValidator } from '../scripts/gen-validator.mjs';
import { clone, pickMachine, safetyMachine } from '../test/fixtures.js';
import { askMachine } from '../test/helpers.js';

/** Every object or array inside `value` (the pieces mutations splice in elsewhere). */
function pieces(value: unknown, out: unknown[] = []): unknown[] {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const v of Object.values(value)) pieces(v, out);
  }
  return out;
}

describe('machine schema', () => {
  it('the generated schema module matches schema/machine.schema.json (run scripts/gen-validator.mjs)', () => {
    const current = readFileSync(new URL('./generated/machine-schema.js', import.meta.url), 'utf8');
    expect(current === (generateValidator() as string)).toBe(true);
  });

  it('gives the errors Ajv gives, in the same order, on thousands of mutated machines (fixtures and the examples)', () => {
    const schema = JSON.parse(readFileSync(new URL('../schema/machine.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020.default({ allErrors: true, strict: false, messages: false }).compile(schema);
    const ours = compileSchema(schema);
    const examples = exampleFlows().map((flow) => (compileFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() } as never) as { machine: unknown }).machine);
    const bases: unknown[] = [pickMachine, safetyMachine, askMachine({ check: { expr: 'answer.value == 3', limit: 2, wrong: { en: 'No', ru: 'Нет' } } } as never), ...examples];
    const junk: unknown[] = [null, 0, 1, 1.5, -3, '', 'x', '#x', 'a.b', true, [], {}, ['en', 'en'], { en: 'x' }, { xx: ['a'] }, { 'a b': 1, en: 2 }, ['xx', 'xx', 1], ...bases.flatMap((b) => pieces(b)).filter((_, i) => i % 7 === 0)];
    const names = ['zz', 'a.b', 'xx', 'en', 'ru', 'id', 'type', '', ' ', 'phrases', 'min', 'max', 'check', 'confirm', 'params', 'target', 'guard', 'states'];
    let seed = 17;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    // One edit at an object or array picked uniformly among all of the machine's: a key added
    // (junk, or a piece of another machine), a key removed, or a child replaced.
    const mutate = (machine: unknown): unknown => {
      const copy = clone(machine);
      const spots = pieces(copy) as Record<string, unknown>[];
      const at = spots[rnd(spots.length)]!;
      const keys = Object.keys(at);
      const op = rnd(3);
      if (Array.isArray(at)) {
        if (op === 0 || keys.length === 0) at.push(junk[rnd(junk.length)]);
        else at[rnd(at.length)] = junk[rnd(junk.length)];
      } else if (op === 0 || keys.length === 0) at[names[rnd(names.length)]!] = junk[rnd(junk.length)];
      else if (op === 1) delete at[keys[rnd(keys.length)]!];
      else at[keys[rnd(keys.length)]!] = junk[rnd(junk.length)];
      return copy;
    };
    const errors = (list: unknown) => JSON.stringify(((list ?? []) as Record<string, unknown>[]).map((e) => [e.instancePath, e.keyword, e.params, e.propertyName]));
    // Where the order of two keywords' errors shows: an item both invalid and repeated, a key
    // both refused by propertyNames and of the wrong value type, a bad state under a bad key.
    const edit = (f: (m: Record<string, any>) => void) => {
      const m = clone(pickMachine) as unknown as Record<string, any>;
      f(m);
      return m;
    };
    const handmade = [
      edit((m) => (m.meta.vm.languages = ['xx', 'en', 'xx', 3])),
      edit((m) => (m.states.welcome.entry[0].params.text = { xx: 1, en: ['a'] })),
      edit((m) => (m.states['a b'] = { id: 3, meta: {} })),
    ];
    for (const m of handmade) {
      expect(ajv(m)).toBe(false);
      expect(ours(m)).toBe(false);
      expect(errors(ours.errors)).toBe(errors(ajv.errors));
    }
    let invalid = 0;
    for (let i = 0; i < 2000; i++) {
      let m = bases[i % bases.length];
      for (let n = 1 + rnd(3); n > 0; n--) m = mutate(m);
      const valid = ajv(m);
      if (!valid) invalid++;
      expect(ours(m)).toBe(valid);
      if (errors(ours.errors) !== errors(ajv.errors)) expect({ machine: m, errors: ours.errors }).toEqual({ machine: m, errors: ajv.errors });
    }
    expect(invalid).toBeGreaterThan(1000);
  }, 120_000);

  it('accepts the fixtures', () => expect(schemaIssues(pickMachine)).toEqual([]));

  it('names path, state and field; unknown properties and wrong types are explicit', () => {
    const m = clone(pickMachine) as unknown as { states: Record<string, { entry: { params: Record<string, unknown> }[]; always?: unknown }> };
    m.states.welcome!.entry[0]!.params = { txt: {} };
    m.states.welcome!.always = { target: 'operatorId' };
    (m.states.operatorId!.entry[0]!.params.noInput as { maxAttempts: number }).maxAttempts = 0;
    expect(schemaIssues(m)).toEqual([
      { path: '/states/welcome/entry/0/params', stateId: 'welcome', field: 'params', message: 'missing required property "text"' },
      { path: '/states/welcome/entry/0/params/txt', stateId: 'welcome', field: 'txt', message: 'unknown property "txt"' },
      { path: '/states/welcome/always/target', stateId: 'welcome', field: 'target', message: 'must match pattern "^#"' },
      { path: '/states/operatorId/entry/0/params/noInput/maxAttempts', stateId: 'operatorId', field: 'maxAttempts', message: 'must be >= 1' },
    ]);
  });
});
