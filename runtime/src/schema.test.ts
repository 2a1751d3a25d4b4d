import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaIssues } from './schema.js';
// @ts-expect-error build script without types
import { generateValidator } from '../scripts/gen-validator.mjs';
import { clone, pickMachine } from '../test/fixtures.js';

describe('machine schema', () => {
  it('the precompiled validator matches schema/machine.schema.json (run scripts/gen-validator.mjs)', () => {
    const current = readFileSync(new URL('./generated/machine-validator.js', import.meta.url), 'utf8');
    expect(current === (generateValidator() as string)).toBe(true);
  });

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
