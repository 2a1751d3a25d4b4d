/**
 * The precompiled flow validator (src/generated/, answers "valid?" on every compile) and the
 * interpreting one (words the findings of an invalid flow) must agree on every input: a flow
 * one accepts and the other refuses would compile in one place and not explain itself in
 * another.
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@cfworker/json-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateFlowValidator } from '../scripts/flow-validator.js';
import { flowSchema } from '../src/flow-schema.js';
import { validate } from '../src/generated/flow-validator.js';
import { buildFlow } from './generate.js';
import { loadFixture } from './helpers.js';

const interpreting = new Validator(flowSchema as never, '2020-12', true);
const agree = (value: unknown) => expect(validate(value), JSON.stringify(value).slice(0, 300)).toBe(interpreting.validate(value).valid);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container in `value` with the key of each of its children. */
function slots(value: Json, out: { parent: Json[] | Record<string, Json>; key: string | number }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slots(v, out)));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push({ parent: value, key: k }, ...slots(v, []));
  return out;
}

const KINDS = ['say', 'set', 'request', 'decision', 'ask', 'subflow'] as const;
const flows: Json[] = [
  loadFixture('case-picking'),
  loadFixture('sign-on'),
  buildFlow(Array.from({ length: 30 }, (_, i) => ({ kind: KINDS[i % KINDS.length]!, extra: i % 3, back: i % 4 })), { languages: ['en', 'ru'] }),
] as never;

const edit = fc.record({
  flow: fc.nat(flows.length - 1),
  slot: fc.nat(),
  op: fc.constantFrom('replace', 'delete', 'add', 'long', 'astral'),
  value: fc.jsonValue({ maxDepth: 2 }),
  length: fc.constantFrom(0, 1, 63, 64, 65, 200, 201, 4000, 4001),
});

describe('precompiled flow validator', () => {
  it('is generated from flowSchema (npm run schema -w compiler rewrites it)', () => {
    const file = readFileSync(new URL('../src/generated/flow-validator.ts', import.meta.url), 'utf8');
    expect(file === generateFlowValidator(flowSchema)).toBe(true);
  });

  it('accepts what the interpreting validator accepts, and refuses the rest (one random edit of a valid flow)', () => {
    const seen = { valid: 0, invalid: 0 };
    for (const flow of flows) agree(flow);
    fc.assert(
      fc.property(edit, (e) => {
        const flow = structuredClone(flows[e.flow]!);
        const all = slots(flow);
        const { parent, key } = all[e.slot % all.length]!;
        const target = parent as Record<string | number, Json>;
        if (e.op === 'replace') target[key] = e.value as Json;
        else if (e.op === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete target[key];
        else if (e.op === 'add') (typeof target[key] === 'object' && target[key] !== null && !Array.isArray(target[key]) ? (target[key] as Record<string, Json>) : target).extra = e.value as Json;
        // Lengths count code points in both: an astral character is two UTF-16 units, one character.
        else target[key] = (e.op === 'long' ? 'a' : '\u{1F600}').repeat(e.length);
        agree(flow);
        seen[interpreting.validate(flow).valid ? 'valid' : 'invalid']++;
      }),
      { numRuns: 400 },
    );
    expect(seen.valid).toBeGreaterThan(20);
    expect(seen.invalid).toBeGreaterThan(20);
  }, 120_000);
});
